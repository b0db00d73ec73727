package dev.videoclass.ffmpeg.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes small test videos with known content using the GPL {@code ffmpeg} executable (x264, x265,
 * libvpx, SVT-AV1 encoders) that the build unpacks for tests.
 *
 * <p>The tool directory comes from the system property {@code videoclass.ffmpegTool} (set by the
 * surefire configuration of {@code videoclass-ffmpeg}), else from the environment variable
 * {@code VIDEOCLASS_FFMPEG_TOOL}. It is the unpacked {@code org/bytedeco/ffmpeg/linux-x86_64-gpl}
 * folder of {@code org.bytedeco:ffmpeg:7.1.1-1.5.12:linux-x86_64-gpl}; the binary also needs the
 * system library {@code libpulse0}. The missing {@code libva*.so.2} links are created and the
 * executables made executable on first use.
 *
 * <p>Usage:
 * <pre>{@code
 * Path mp4 = TestVideos.video()
 *         .size(320, 240).fps(30)
 *         .segment(TestVideos.PALETTE[0], 1.5)
 *         .segment(TestVideos.PALETTE[1], 1.5)
 *         .codec(TestVideos.Codec.H264_MP4).gop(30).scenecut(false)
 *         .writeTo(dir.resolve("cuts.mp4"));
 * }</pre>
 * Consecutive palette colours differ by far more than PySceneDetect's content threshold (27) on
 * its HSV scale; frames within a segment are textured (gradient, grid, light temporal noise) and
 * change little. Cuts lie at the cumulative segment durations ({@link Builder#cuts()}).
 *
 * <p>Thread safe; each call starts its own process.
 */
public final class TestVideos {

    /** Segment colours (0xRRGGBB); neighbours differ strongly in hue and value. */
    public static final int[] PALETTE = {0xC01010, 0x106030, 0xE0E040, 0x202080, 0xF0A0C0, 0x104010, 0x40E0E0, 0x602000};

    /** Output codec and container. */
    public enum Codec {
        /** H.264 (libx264, veryfast, with B-frames) in MP4, moov at the front. */
        H264_MP4("mp4"),
        /** H.264 (libx264) in Matroska: for audio/subtitle streams and variable frame rate. */
        H264_MKV("mkv"),
        /** HEVC (libx265, open GOP/CRA by default) in QuickTime with the {@code hvc1} tag. */
        HEVC_MOV("mov"),
        /** MPEG-4 Part 2 (FFmpeg's mpeg4 encoder) in AVI. */
        MPEG4_AVI("avi"),
        /** VP9 (libvpx-vp9, realtime) in WebM. */
        VP9_WEBM("webm"),
        /** AV1 (SVT-AV1, fastest preset) in Matroska. */
        AV1_MKV("mkv");

        public final String extension;

        Codec(String extension) {
            this.extension = extension;
        }
    }

    /**
     * One stretch of the video.
     *
     * @param rgb        main colour 0xRRGGBB
     * @param seconds    duration
     * @param fps        frame rate of this segment, 0 for the video's frame rate
     * @param asymmetric top half {@code rgb}, bottom half blue (or red if {@code rgb} is blue-ish):
     *                   a pattern whose orientation can be checked
     */
    public record Segment(int rgb, double seconds, double fps, boolean asymmetric) {
        public static Segment of(int rgb, double seconds) {
            return new Segment(rgb, seconds, 0, false);
        }

        public Segment at(double segmentFps) {
            return new Segment(rgb, seconds, segmentFps, asymmetric);
        }
    }

    private static volatile Path preparedDir;

    private TestVideos() {
    }

    /** A builder for a new test video. */
    public static Builder video() {
        return new Builder();
    }

    /** The prepared directory holding {@code ffmpeg}, {@code ffprobe} and their libraries. */
    public static synchronized Path toolDir() {
        if (preparedDir != null) {
            return preparedDir;
        }
        String dir = System.getProperty("videoclass.ffmpegTool");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("VIDEOCLASS_FFMPEG_TOOL");
        }
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("no ffmpeg tool: set system property videoclass.ffmpegTool or env "
                    + "VIDEOCLASS_FFMPEG_TOOL to the unpacked org/bytedeco/ffmpeg/linux-x86_64-gpl directory "
                    + "(mvn generate-test-resources -pl videoclass-ffmpeg unpacks it to target/ffmpeg-tool)");
        }
        Path d = Path.of(dir).toAbsolutePath();
        Path ffmpeg = d.resolve("ffmpeg");
        if (!Files.isRegularFile(ffmpeg)) {
            throw new IllegalStateException("no ffmpeg executable in " + d
                    + " (run mvn generate-test-resources -pl videoclass-ffmpeg to unpack it)");
        }
        try {
            for (String lib : new String[] {"libva", "libva-drm"}) {
                Path link = d.resolve(lib + ".so.2");
                if (!Files.exists(link) && Files.exists(d.resolve(lib + ".so"))) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, Path.of(lib + ".so"));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + d + ": " + e.getMessage(), e);
        }
        ffmpeg.toFile().setExecutable(true);
        d.resolve("ffprobe").toFile().setExecutable(true);
        preparedDir = d;
        return d;
    }

    /** Path of the GPL {@code ffmpeg} executable (run it with {@link #environment()}). */
    public static Path ffmpegPath() {
        return toolDir().resolve("ffmpeg");
    }

    /** Environment additions the executables need ({@code LD_LIBRARY_PATH}). */
    public static Map<String, String> environment() {
        return Map.of("LD_LIBRARY_PATH", toolDir().toString());
    }

    /** Runs {@code ffmpeg -hide_banner -nostdin -loglevel error -y ARGS}; returns its output, throws if it fails. */
    public static String run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ffmpegPath().toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        Collections.addAll(cmd, args);
        return exec(cmd);
    }

    /** Runs {@code ffprobe -v error ARGS} and returns its standard output. */
    public static String probe(String... args) {
        List<String> cmd = new ArrayList<>(List.of(toolDir().resolve("ffprobe").toString(), "-v", "error"));
        Collections.addAll(cmd, args);
        return exec(cmd);
    }

    /**
     * Presentation times in seconds (relative to the video stream's start time) of the packets the
     * container flags as key frames, sorted: the independent oracle for keyframe-only decoding.
     */
    public static List<Double> keyPacketTimes(Path video) {
        double start = streamStartTime(video);
        String out = probe("-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", video.toString());
        List<Double> times = new ArrayList<>();
        for (String line : out.split("\\R")) {
            String[] f = line.trim().split(",");
            if (f.length >= 2 && f[1].contains("K") && !f[0].equals("N/A")) {
                times.add(Double.parseDouble(f[0]) - start);
            }
        }
        Collections.sort(times);
        return times;
    }

    /** Start time in seconds of the first video stream (0 if unknown). */
    public static double streamStartTime(Path video) {
        String s = probe("-select_streams", "v:0", "-show_entries", "stream=start_time", "-of", "csv=p=0", video.toString()).trim();
        try {
            return Double.parseDouble(s.split("\\R")[0].replace(",", ""));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The first frame at or after {@code seconds} as packed RGB24, as FFmpeg itself shows it (auto-rotated). */
    public static byte[] referenceFrame(Path video, double seconds) {
        try {
            Path out = Files.createTempFile("videoclass-ref-", ".rgb");
            try {
                run("-ss", fmt(seconds), "-i", video.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", out.toString());
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String exec(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(environment());
        try {
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Fluent description of a test video; {@link #writeTo(Path)} encodes it. */
    public static final class Builder {
        private final List<Segment> segments = new ArrayList<>();
        private int width = 320;
        private int height = 240;
        private double fps = 30;
        private Codec codec = Codec.H264_MP4;
        private int gop = 0;
        private int keyintMin = 0;
        private boolean scenecut = true;
        private String x265Params = "";
        private boolean audio;
        private boolean subtitles;
        private int displayRotation;
        private int sarNum = 1;
        private int sarDen = 1;
        private boolean vfr;
        private final List<String> extraOutputArgs = new ArrayList<>();

        private Builder() {
        }

        /** Frame size in pixels (even numbers; default 320x240). */
        public Builder size(int w, int h) {
            this.width = w;
            this.height = h;
            return this;
        }

        /** Frame rate for segments without their own (default 30). */
        public Builder fps(double f) {
            this.fps = f;
            return this;
        }

        /** Appends a textured segment of colour {@code rgb}. */
        public Builder segment(int rgb, double seconds) {
            return segment(Segment.of(rgb, seconds));
        }

        public Builder segment(Segment s) {
            segments.add(s);
            return this;
        }

        /** Appends {@code n} segments of {@code seconds} each, in palette order. */
        public Builder segments(int n, double seconds) {
            for (int i = 0; i < n; i++) {
                segment(PALETTE[i % PALETTE.length], seconds);
            }
            return this;
        }

        /** Appends a segment whose top half is red and bottom half blue. */
        public Builder asymmetric(double seconds) {
            return segment(new Segment(0xFF0000, seconds, 0, true));
        }

        public Builder codec(Codec c) {
            this.codec = c;
            return this;
        }

        /** Maximum key frame interval in frames ({@code -g}); 0: the encoder's default. */
        public Builder gop(int frames) {
            this.gop = frames;
            return this;
        }

        /** Minimum key frame interval in frames (x264/x265); 0: the encoder's default. */
        public Builder keyintMin(int frames) {
            this.keyintMin = frames;
            return this;
        }

        /** Whether the encoder may add key frames at scene cuts (x264 {@code -sc_threshold}, x265 {@code scenecut}). */
        public Builder scenecut(boolean on) {
            this.scenecut = on;
            return this;
        }

        /** Extra x265 parameters, e.g. {@code "open-gop=0"}. */
        public Builder x265Params(String params) {
            this.x265Params = params;
            return this;
        }

        /** Adds a sine audio stream (Matroska/MP4/MOV). */
        public Builder audio() {
            this.audio = true;
            return this;
        }

        /** Adds a SubRip subtitle stream (Matroska only). */
        public Builder subtitles() {
            this.subtitles = true;
            return this;
        }

        /**
         * Display-matrix rotation as ffmpeg's {@code -display_rotation}: degrees counter-clockwise the
         * picture is rotated for display. A player rotates frames clockwise by {@code (360 - deg) % 360}.
         */
        public Builder displayRotation(int ccwDegrees) {
            this.displayRotation = ccwDegrees;
            return this;
        }

        /** Sample (pixel) aspect ratio, e.g. 2:1 to show 320x240 as 640x240. */
        public Builder sar(int num, int den) {
            this.sarNum = num;
            this.sarDen = den;
            return this;
        }

        /** Keep every segment's own frame rate (variable frame rate, {@code -fps_mode passthrough}). */
        public Builder vfr() {
            this.vfr = true;
            return this;
        }

        /** Extra arguments placed just before the output file. */
        public Builder outputArgs(String... args) {
            Collections.addAll(extraOutputArgs, args);
            return this;
        }

        /** Times in seconds where a segment starts, excluding 0. */
        public List<Double> cuts() {
            List<Double> cuts = new ArrayList<>();
            double t = 0;
            for (int i = 0; i < segments.size() - 1; i++) {
                t += segments.get(i).seconds();
                cuts.add(t);
            }
            return cuts;
        }

        /** Total duration in seconds. */
        public double duration() {
            return segments.stream().mapToDouble(Segment::seconds).sum();
        }

        /** The presentation times the encoder is asked to produce (each segment at its own rate). */
        public List<Double> expectedFrameTimes() {
            List<Double> times = new ArrayList<>();
            double start = 0;
            for (Segment s : segments) {
                double f = s.fps() > 0 ? s.fps() : fps;
                long n = Math.round(s.seconds() * f);
                for (long k = 0; k < n; k++) {
                    times.add(start + k / f);
                }
                start += s.seconds();
            }
            return times;
        }

        /** The segment colour shown at {@code t} seconds. */
        public int colourAt(double t) {
            double start = 0;
            for (Segment s : segments) {
                if (t < start + s.seconds()) {
                    return s.rgb();
                }
                start += s.seconds();
            }
            return segments.get(segments.size() - 1).rgb();
        }

        public List<Segment> segmentList() {
            return List.copyOf(segments);
        }

        /** Encodes the video to {@code out} (its extension should match the codec's container) and returns it. */
        public Path writeTo(Path out) {
            if (segments.isEmpty()) {
                segments(3, 1.0);
            }
            try {
                if (displayRotation != 0) {
                    Path base = out.resolveSibling("unrotated-" + out.getFileName());
                    encode(base);
                    run("-display_rotation", Integer.toString(displayRotation), "-i", base.toString(), "-c", "copy", out.toString());
                    Files.deleteIfExists(base);
                } else {
                    encode(out);
                }
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void encode(Path out) throws IOException {
            StringBuilder graph = new StringBuilder();
            StringBuilder labels = new StringBuilder();
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                double f = vfr && s.fps() > 0 ? s.fps() : (s.fps() > 0 ? s.fps() : fps);
                String rate = fmt(f);
                String d = fmt(s.seconds());
                String size = width + "x" + height;
                if (s.asymmetric()) {
                    String half = width + "x" + (height / 2);
                    int bottom = (s.rgb() & 0xFF) > 0x80 && (s.rgb() >> 16 & 0xFF) < 0x80 ? 0xFF0000 : 0x0000FF;
                    graph.append(String.format(Locale.ROOT,
                            "color=c=0x%06X:s=%s:r=%s:d=%s[t%d];color=c=0x%06X:s=%s:r=%s:d=%s[b%d];[t%d][b%d]vstack,format=yuv420p,setsar=1",
                            s.rgb(), half, rate, d, i, bottom, half, rate, d, i, i, i));
                } else {
                    int dark = darker(s.rgb());
                    graph.append(String.format(Locale.ROOT,
                            "gradients=s=%s:r=%s:d=%s:c0=0x%06X:c1=0x%06X:n=2:speed=0.002:seed=%d,"
                                    + "drawgrid=w=32:h=32:t=2:c=white@0.35,noise=alls=8:allf=t,format=yuv420p,setsar=1",
                            size, rate, d, s.rgb(), dark, i + 1));
                }
                if (!vfr) {
                    graph.append(",fps=").append(fmt(fps));
                }
                graph.append("[s").append(i).append("];");
                labels.append("[s").append(i).append("]");
            }
            graph.append(labels).append("concat=n=").append(segments.size()).append(":v=1:a=0");
            if (sarNum != 1 || sarDen != 1) {
                graph.append(",setsar=").append(sarNum).append('/').append(sarDen);
            }
            graph.append("[v]");

            List<String> args = new ArrayList<>(List.of("-filter_complex", graph.toString()));
            int nextInput = 0; // lavfi sources in the graph are not inputs: the first -i is input 0
            int audioInput = -1;
            int subInput = -1;
            if (audio) {
                args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + fmt(duration())));
                audioInput = nextInput++;
            }
            if (subtitles) {
                Path srt = out.resolveSibling(out.getFileName() + ".srt");
                Files.writeString(srt, "1\n00:00:00,000 --> 00:00:01,000\nhello\n\n2\n00:00:01,000 --> 00:00:02,000\nworld\n");
                args.addAll(List.of("-i", srt.toString()));
                subInput = nextInput++;
            }
            args.addAll(List.of("-map", "[v]"));
            if (audio) {
                args.addAll(List.of("-map", audioInput + ":a", "-c:a", codec == Codec.VP9_WEBM ? "libopus" : "aac"));
            }
            if (subtitles) {
                args.addAll(List.of("-map", subInput + ":s", "-c:s", "srt"));
            }
            if (vfr) {
                args.addAll(List.of("-fps_mode", "passthrough"));
            }
            args.addAll(codecArgs());
            args.addAll(extraOutputArgs);
            args.add(out.toString());
            run(args.toArray(String[]::new));
        }

        private List<String> codecArgs() {
            List<String> a = new ArrayList<>();
            switch (codec) {
                case H264_MP4, H264_MKV -> {
                    a.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"));
                    if (gop > 0) {
                        a.addAll(List.of("-g", Integer.toString(gop)));
                    }
                    if (keyintMin > 0) {
                        a.addAll(List.of("-keyint_min", Integer.toString(keyintMin)));
                    }
                    if (!scenecut) {
                        a.addAll(List.of("-sc_threshold", "0"));
                    }
                    if (codec == Codec.H264_MP4) {
                        a.addAll(List.of("-movflags", "+faststart"));
                    }
                }
                case HEVC_MOV -> {
                    StringBuilder p = new StringBuilder("log-level=error");
                    if (gop > 0) {
                        p.append(":keyint=").append(gop);
                    }
                    if (keyintMin > 0) {
                        p.append(":min-keyint=").append(keyintMin);
                    }
                    p.append(":scenecut=").append(scenecut ? 40 : 0);
                    if (!x265Params.isEmpty()) {
                        p.append(':').append(x265Params);
                    }
                    a.addAll(List.of("-c:v", "libx265", "-preset", "superfast", "-pix_fmt", "yuv420p",
                            "-x265-params", p.toString(), "-tag:v", "hvc1"));
                }
                case MPEG4_AVI -> {
                    a.addAll(List.of("-c:v", "mpeg4", "-q:v", "3"));
                    if (gop > 0) {
                        a.addAll(List.of("-g", Integer.toString(gop)));
                    }
                }
                case VP9_WEBM -> {
                    a.addAll(List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k"));
                    if (gop > 0) {
                        a.addAll(List.of("-g", Integer.toString(gop)));
                    }
                }
                case AV1_MKV -> {
                    a.addAll(List.of("-c:v", "libsvtav1", "-preset", "12", "-svtav1-params", "lp=2"));
                    if (gop > 0) {
                        a.addAll(List.of("-g", Integer.toString(gop)));
                    }
                }
                default -> throw new IllegalStateException(codec.toString());
            }
            return a;
        }

        private static int darker(int rgb) {
            int r = (rgb >> 16 & 0xFF) * 3 / 4;
            int g = (rgb >> 8 & 0xFF) * 3 / 4;
            int b = (rgb & 0xFF) * 3 / 4;
            return r << 16 | g << 8 | b;
        }
    }
}
