package dev.videoclass.examples;

import dev.videoclass.json.VerdictJson;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code videoclass make-sample FILE}: writes a small sample video with known scene cuts (a blue
 * sky, a green field, a dark room, a colourful stripe scene; each scene moving slightly) so a new
 * user can try the library without downloading anything. {@code --colours red,green,blue} writes one
 * scene per named colour instead ({@link #PALETTE}): material for trying scene search. H.264 (OpenH264, in FFmpeg's LGPL build)
 * when available, else MPEG-4 Part 2; MP4 container. While it writes, FFmpeg's (process-global) log
 * level is raised to errors only, then restored. Frames are painted into one reused buffer, so memory
 * stays flat whatever the length.
 */
@Command(name = "make-sample", mixinStandardHelpOptions = true,
        description = "Write a sample video with known scene cuts (no download needed).")
final class MakeSample implements Callable<Integer> {
    /** The colours (RGB) of scene 3's moving vertical stripes. */
    private static final int[][] STRIPES = {{230, 40, 40}, {240, 200, 30}, {40, 200, 60}, {30, 180, 230}, {80, 60, 220}, {220, 60, 200}};
    /** The colours {@code --colours} knows (RGB). */
    static final Map<String, int[]> PALETTE = palette();
    /** The default scenes: blue sky, green field, dark room, stripes (-1: the stripe pattern). */
    private static final int[][] DEFAULT_SCENES = {{70, 130, 220}, {40, 160, 60}, {18, 18, 24}, {-1, -1, -1}};

    private static Map<String, int[]> palette() {
        Map<String, int[]> p = new LinkedHashMap<>();
        p.put("red", new int[] {215, 35, 35});
        p.put("green", new int[] {40, 170, 60});
        p.put("blue", new int[] {40, 70, 215});
        p.put("yellow", new int[] {225, 205, 40});
        p.put("white", new int[] {235, 235, 235});
        p.put("dark", new int[] {18, 18, 24});
        return Map.copyOf(p);
    }

    @Parameters(index = "0", paramLabel = "FILE", description = "output video, e.g. sample.mp4")
    Path output;
    @Option(names = "--scene-seconds", defaultValue = "2", description = "length of each scene (default ${DEFAULT-VALUE})")
    double sceneSeconds;
    @Option(names = "--colours", split = ",", paramLabel = "COLOUR",
            description = "one flat scene per colour instead of the four default scenes: red, green, blue, yellow, white, dark")
    List<String> colours;
    @Option(names = "--width", defaultValue = "640")
    int width;
    @Option(names = "--height", defaultValue = "360")
    int height;
    @Option(names = "--fps", defaultValue = "30")
    int fps;

    @Override
    public Integer call() throws Exception {
        int[][] scenes = scenes();
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        int framesPerScene = (int) Math.round(sceneSeconds * fps);
        // FFmpeg's log level is process-global: quiet the encoder's chatter on stderr only while this
        // demo tool writes the sample, and put the level back afterwards.
        int logLevel = avutil.av_log_get_level();
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder rec = open()) {
            org.bytedeco.javacv.Frame frame = new org.bytedeco.javacv.Frame(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
            ByteBuffer buf = (ByteBuffer) frame.image[0];
            int stride = frame.imageStride;
            for (int s = 0; s < scenes.length; s++) {
                for (int i = 0; i < framesPerScene; i++) {
                    paint(buf, stride, s, scenes[s], i);
                    frame.timestamp = Math.round((s * framesPerScene + i) * 1_000_000.0 / fps);
                    rec.record(frame, avutil.AV_PIX_FMT_BGR24);
                }
            }
            rec.stop();
        } finally {
            avutil.av_log_set_level(logLevel);
        }
        List<Double> cuts = new ArrayList<>();
        for (int s = 1; s < scenes.length; s++) {
            cuts.add(s * sceneSeconds);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", output.toString());
        json.put("cuts_s", cuts);
        System.out.println(VerdictJson.toJson(json));
        return CommandLine.ExitCode.OK;
    }

    /** The scenes' colours: the named ones, or the default four. */
    private int[][] scenes() {
        if (colours == null || colours.isEmpty()) {
            return DEFAULT_SCENES;
        }
        int[][] scenes = new int[colours.size()][];
        for (int i = 0; i < scenes.length; i++) {
            int[] rgb = PALETTE.get(colours.get(i).toLowerCase(Locale.ROOT));
            if (rgb == null) {
                throw new VideoclassCli.UsageException("unknown colour '" + colours.get(i) + "' (" + String.join(", ",
                        new TreeSet<>(PALETTE.keySet())) + ")");
            }
            scenes[i] = rgb;
        }
        return scenes;
    }

    private FFmpegFrameRecorder open() throws FrameRecorder.Exception {
        FrameRecorder.Exception last = null;
        for (String codec : new String[]{"libopenh264", "mpeg4"}) {
            FFmpegFrameRecorder rec = new FFmpegFrameRecorder(output.toFile(), width, height, 0);
            rec.setFormat("mp4");
            rec.setFrameRate(fps);
            rec.setGopSize((int) Math.round(sceneSeconds * fps)); // key frames at the scene cuts
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setVideoBitrate(2_000_000);
            if (codec.equals("mpeg4")) {
                rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                rec.setVideoQuality(3);
            } else {
                rec.setVideoCodecName(codec);
            }
            try {
                rec.start();
                return rec;
            } catch (FrameRecorder.Exception e) {
                last = e;
                rec.close();
            }
        }
        throw last;
    }

    /** Scene {@code s}: a base colour with a gentle moving gradient, or vertical colour stripes for {@code -1}. */
    private void paint(ByteBuffer buf, int stride, int s, int[] rgb, int t) {
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            for (int x = 0; x < width; x++) {
                int r, g, b;
                if (rgb[0] < 0) {
                    int band = ((x + 2 * t) / 40) % 6;
                    r = STRIPES[band][0];
                    g = STRIPES[band][1];
                    b = STRIPES[band][2];
                } else {
                    int shade = ((x + y + 3 * t) % 64) - 32;
                    r = clamp(rgb[0] + shade / 2);
                    g = clamp(rgb[1] + shade / 2);
                    b = clamp(rgb[2] + shade / 2);
                }
                int o = row + x * 3;
                buf.put(o, (byte) b);
                buf.put(o + 1, (byte) g);
                buf.put(o + 2, (byte) r);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
