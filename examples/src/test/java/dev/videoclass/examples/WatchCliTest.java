package dev.videoclass.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.ffmpeg.testing.HlsServer;
import dev.videoclass.ffmpeg.testing.LiveEncoder;
import dev.videoclass.json.VerdictJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code videoclass watch} in a separate JVM on a live HLS stream served on 127.0.0.1. */
@Timeout(180)
class WatchCliTest {
    @TempDir
    static Path dir;
    static LiveEncoder encoder;
    static HlsServer server;

    @BeforeAll
    static void stream() throws Exception {
        Path hls = Files.createDirectories(dir.resolve("hls"));
        encoder = LiveEncoder.start(List.of(new LiveEncoder.Stretch(0x106030, 1)), 320, 240, 25, 25, LiveEncoder.hls(hls, 1));
        server = HlsServer.start(hls);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (segments(hls) < 2) {
            assertThat(System.nanoTime()).as("segments from the encoder: %s", encoder.log()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static long segments(Path hls) throws IOException {
        try (Stream<Path> files = Files.list(hls)) {
            return files.filter(p -> p.toString().endsWith(".ts")).count();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        encoder.close();
    }

    static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VideoclassCli.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Every stdout line of {@code p}, collected as they come. */
    static List<String> lines(Process p) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return lines;
    }

    static int exit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("watch did not end");
        }
        return p.exitValue();
    }

    static List<JsonNode> json(List<String> lines) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines) {
            out.add(VerdictJson.reader().readTree(l));
        }
        return out;
    }

    @Test
    void windowLinesAndFramesUntilTheDurationThenExitZero() throws Exception {
        Path frames = dir.resolve("frames");
        Process p = start("watch", server.url("live.m3u8"), "--every", "1", "--window", "2", "--duration", "7",
                "--frames-out", frames.toString());
        List<String> lines = lines(p);
        assertThat(exit(p)).isZero();
        Thread.sleep(100);
        List<JsonNode> windows = json(lines).stream().filter(j -> j.get("type").asText().equals("window")).toList();
        assertThat(windows).isNotEmpty().allSatisfy(w -> {
            assertThat(w.fieldNames()).toIterable().startsWith("type", "url", "start_pts_s", "end_pts_s", "start_time",
                    "end_time", "is_explicit", "explicit_score", "quality_score", "scene_tags", "evidence", "frames");
            assertThat(w.get("url").asText()).isEqualTo(server.url("live.m3u8"));
            assertThat(w.get("end_pts_s").asDouble()).isGreaterThan(w.get("start_pts_s").asDouble());
            assertThat(java.time.Instant.parse(w.get("end_time").asText())).isAfter(java.time.Instant.parse(w.get("start_time").asText()));
            assertThat(w.get("frames").asInt()).isPositive();
        });
        List<String> sidecar = Files.readAllLines(frames.resolve("frames.jsonl"));
        assertThat(sidecar).isNotEmpty();
        for (JsonNode f : json(sidecar)) {
            assertThat(f.fieldNames()).toIterable().containsExactly("pts_s", "wall_time", "file", "width", "height");
            assertThat(Files.size(frames.resolve(f.get("file").asText()))).isPositive();
            assertThat(f.get("width").asInt()).isEqualTo(320);
        }
    }

    @Test
    void anInterruptStopsItWithExitZero() throws Exception {
        Process p = start("watch", server.url("live.m3u8"), "--every", "1", "--window", "2");
        List<String> lines = lines(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines.stream().noneMatch(l -> l.contains("\"window\"")) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(lines).anyMatch(l -> l.contains("\"window\""));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(exit(p)).isZero();
    }

    @Test
    void anUnreachableOrRefusedUrlEndsWithExitThreeAndAnErrorLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        for (String[] c : new String[][] {{"http://127.0.0.1:" + closed + "/live.m3u8", "unreachable"},
                {"file:///etc/passwd", "refused"}, {"/dev/video0", "refused"}}) {
            Process p = start("watch", c[0]);
            List<String> lines = lines(p);
            assertThat(exit(p)).as(c[0]).isEqualTo(3);
            Thread.sleep(100);
            assertThat(lines).hasSize(1);
            JsonNode e = VerdictJson.reader().readTree(lines.get(0));
            assertThat(e.get("type").asText()).isEqualTo("error");
            assertThat(e.get("kind").asText()).isEqualTo(c[1]);
            assertThat(e.get("fatal").asBoolean()).isTrue();
        }
    }

    @Test
    void badSettingsAreUsageErrors() throws Exception {
        for (String[] args : new String[][] {{"--every", "0"}, {"--window", "1", "--every", "2"}, {"--allow-host", "a/b"},
                {"--duration", "-1"}}) {
            List<String> cmd = new ArrayList<>(List.of("watch", server.url("live.m3u8")));
            cmd.addAll(List.of(args));
            Process p = start(cmd.toArray(String[]::new));
            lines(p);
            assertThat(exit(p)).as(String.join(" ", args)).isEqualTo(2);
        }
    }
}
