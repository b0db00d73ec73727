package dev.videoclass.ffmpeg.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A live source for tests: the GPL {@code ffmpeg} tool encoding, in real time, solid colours that
 * follow a timeline (the last one runs until {@link #close()}) or a lavfi test source, as H.264 with a key frame every
 * {@code gop} frames, into whatever output the arguments name (an HLS playlist, RTP, SRT). Every
 * instance is a process of its own, stopped by {@link #close()}.
 */
public final class LiveEncoder implements AutoCloseable {
    /** One stretch of the timeline: a colour (0xRRGGBB) for so many seconds. */
    public record Stretch(int rgb, double seconds) {
    }

    private final Process process;
    private final Instant startedAt;
    private final Path log;

    private LiveEncoder(Process process, Instant startedAt, Path log) {
        this.process = process;
        this.startedAt = startedAt;
        this.log = log;
    }

    /**
     * Starts encoding {@code timeline} at {@code width x height}, {@code fps} frames per second, a key
     * frame every {@code gop} frames, then {@code output} (e.g. {@code -f hls ... dir/live.m3u8}).
     */
    public static LiveEncoder start(List<Stretch> timeline, int width, int height, int fps, int gop, List<String> output)
            throws IOException {
        StringBuilder graph = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < timeline.size(); i++) {
            Stretch s = timeline.get(i);
            double d = i == timeline.size() - 1 ? 3600 : s.seconds();
            graph.append(String.format(Locale.ROOT, "color=c=0x%06X:s=%dx%d:r=%d:d=%.3f,format=yuv420p[s%d];",
                    s.rgb(), width, height, fps, d, i));
            labels.append("[s").append(i).append(']');
        }
        graph.append(labels).append("concat=n=").append(timeline.size()).append(":v=1:a=0,realtime[v]");
        return start(graph.toString(), gop, output);
    }

    /**
     * Starts encoding the lavfi source {@code source} (e.g. {@code testsrc2=s=1280x720:r=30}, a moving
     * picture) in real time, a key frame every {@code gop} frames, then {@code output}.
     */
    public static LiveEncoder lavfi(String source, int gop, List<String> output) throws IOException {
        return start(source + ",format=yuv420p,realtime[v]", gop, output);
    }

    /** Runs the tool on {@code graph}, whose output is labelled {@code [v]}. */
    private static LiveEncoder start(String graph, int gop, List<String> output) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(TestVideos.ffmpegPath().toString(), "-hide_banner", "-nostdin",
                "-loglevel", "error", "-y", "-filter_complex", graph, "-map", "[v]",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0", "-bf", "0"));
        cmd.addAll(output);
        Path log = Files.createTempFile("videoclass-live-encoder-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(TestVideos.environment());
        Instant t0 = Instant.now();
        return new LiveEncoder(pb.start(), t0, log);
    }

    /** An HLS live playlist {@code dir/live.m3u8} of {@code segmentS}-second segments (segNNNNN.ts). */
    public static List<String> hls(Path dir, double segmentS) {
        return List.of("-f", "hls", "-hls_time", String.format(Locale.ROOT, "%.3f", segmentS), "-hls_list_size", "6",
                "-hls_flags", "delete_segments+temp_file+independent_segments",
                "-hls_segment_filename", dir.resolve("seg%05d.ts").toString(), dir.resolve("live.m3u8").toString());
    }

    /**
     * Waits (at most 30 s) until {@code dir} holds {@code n} finished HLS segments and the playlist.
     *
     * @throws IllegalStateException when they do not come, with what the tool printed
     */
    public void awaitSegments(Path dir, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.filter(p -> p.toString().endsWith(".ts")).count() >= n
                        && Files.exists(dir.resolve("live.m3u8"))) {
                    return;
                }
            } catch (IOException e) {
                // not there yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + n + " segments in " + dir + " after 30 s; encoder: " + log());
            }
            Thread.sleep(50);
        }
    }

    /** When the process was started: the timeline's time 0 is at or after it. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the tool printed (errors only). */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the process (and waits for it) and deletes its log. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file
        }
    }
}
