package dev.videoclass.examples;

import dev.videoclass.image.Images;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.live.LiveListener;
import dev.videoclass.live.SampledFrame;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code watch --frames-out DIR}: every sampled frame as a JPEG ({@code frame-000001.jpg}, ...,
 * upright at display size) and one line per frame in {@code DIR/frames.jsonl} with {@code pts_s},
 * {@code wall_time}, {@code file}, {@code width} and {@code height}: the camera-capture use, frames
 * with their metadata for tools downstream. A write that fails is reported once (an {@code error}
 * line) and writing stops. Called on the monitor's reading thread; {@link #close()} flushes.
 */
final class FramesOut implements LiveListener, AutoCloseable {
    /** JPEG quality of the frames, 0–1. */
    private static final float QUALITY = 0.9f;

    private final Path dir;
    private final LiveJsonLines report;
    private final BufferedWriter sidecar;
    private long count;
    private boolean failed;

    FramesOut(Path dir, LiveJsonLines report) throws IOException {
        this.dir = dir;
        this.report = report;
        Files.createDirectories(dir);
        this.sidecar = Files.newBufferedWriter(dir.resolve("frames.jsonl"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void onFrame(SampledFrame f) {
        if (failed) {
            return;
        }
        String name = String.format(Locale.ROOT, "frame-%06d.jpg", ++count);
        try {
            Files.write(dir.resolve(name), Images.encodeJpeg(f.frame(), QUALITY));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("pts_s", f.ptsS());
            line.put("wall_time", LiveJsonLines.time(f.wallTime()));
            line.put("file", name);
            line.put("width", f.frame().width());
            line.put("height", f.frame().height());
            sidecar.write(VerdictJson.toJson(line));
            sidecar.newLine();
            sidecar.flush();
        } catch (IOException | RuntimeException e) {
            failed = true;
            report.print(LiveJsonLines.error(f.url(), "internal", "cannot write frames to " + dir + ": " + e.getMessage()
                    + "; no more frames are written", false, Instant.now()));
        }
    }

    @Override
    public synchronized void close() throws IOException {
        sidecar.close();
    }
}
