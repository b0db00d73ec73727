package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.ffmpeg.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.videoclass.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code videoclass backfill} on real videos, twice: the second run reuses everything. */
class BackfillCliTest {
    @TempDir
    Path tmp;

    @Test
    void backfillClassifiesEachContentOnceAndASecondRunOnlyHashes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("uploads/2026"));
        Path a = TestVideos.video().size(160, 120).segments(2, 1.0).writeTo(dir.resolve("a.mp4"));
        Files.copy(a, dir.resolve("a-again.mp4"));
        TestVideos.video().size(160, 120).segments(3, 0.7).codec(TestVideos.Codec.HEVC_MOV).writeTo(dir.resolve("b.mov"));
        Files.writeString(dir.resolve("broken.mp4"), "this upload is not a video");
        Files.writeString(dir.resolve("readme.txt"), "skipped");
        Path out = tmp.resolve("verdicts.jsonl");

        CliTest.Run first = cli(null, "backfill", tmp.resolve("uploads").toString(), "--out", out.toString(), "--parallel", "2");
        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode s = first.json();
        assertThat(s.get("files").asInt()).isEqualTo(4);
        assertThat(s.get("contents").asInt()).isEqualTo(3);
        assertThat(s.get("new").asInt()).isEqualTo(3);
        assertThat(s.get("reused").asInt()).isZero();
        assertThat(s.get("failed").asInt()).isEqualTo(1);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        for (String l : lines) {
            JsonNode n = VerdictJson.reader().readTree(l);
            assertThat(n.get("content_hash").asText()).hasSize(64);
            if (n.get("paths").get(0).asText().endsWith("broken.mp4")) {
                assertThat(n.get("verdict").get("error").get("code").asText()).isEqualTo("unsupported_format");
            } else {
                assertThat(n.get("verdict").get("status").asText()).isEqualTo("done");
            }
            if (n.get("paths").size() == 2) {
                assertThat(n.get("paths").toString()).contains("a.mp4", "a-again.mp4");
            }
        }

        CliTest.Run second = cli(null, "backfill", tmp.resolve("uploads").toString(), "--out", out.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.json().get("reused").asInt()).isEqualTo(3);
        assertThat(second.json().get("new").asInt()).isZero();
        assertThat(second.json().get("failed").asInt()).as("broken.mp4's reused verdict").isEqualTo(1);
        assertThat(Files.readAllLines(out)).hasSize(3);
    }

    @Test
    void aBackfillKilledMidRunResumesWithoutRedoingWhatItFinished() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        int n = 8;
        for (int i = 0; i < n; i++) {
            TestVideos.video().size(640, 360).fps(30).segment(TestVideos.PALETTE[i % 8], 2.0)
                    .segment(TestVideos.PALETTE[(i + 3) % 8], 2.0).writeTo(dir.resolve("clip-" + i + ".mp4"));
        }
        Path out = tmp.resolve("killed.jsonl");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VideoclassCli.class.getName(), "backfill", dir.toString(),
                "--out", out.toString(), "--sampler", "exact"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while ((!Files.exists(out) || Files.readAllLines(out).isEmpty()) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            p.waitFor();
        }
        int finishedBeforeKill = (int) Files.readAllLines(out).stream().filter(l -> l.endsWith("}")).count();
        assertThat(finishedBeforeKill).as("the run was killed mid-way").isBetween(1, n - 1);

        CliTest.Run resumed = cli(null, "backfill", dir.toString(), "--out", out.toString(), "--sampler", "exact");
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.json().get("reused").asInt()).isEqualTo(finishedBeforeKill);
        assertThat(resumed.json().get("new").asInt()).isEqualTo(n - finishedBeforeKill);
        java.util.Set<String> hashes = new java.util.HashSet<>();
        for (String l : Files.readAllLines(out)) {
            if (l.endsWith("}")) {
                assertThat(hashes.add(VerdictJson.reader().readTree(l).get("content_hash").asText()))
                        .as("each content classified once").isTrue();
            }
        }
        assertThat(hashes).hasSize(n);
    }

    @Test
    void theProgressBarShowsCountsRateAndEta() {
        assertThat(WalkOptions.bar(10, 40, 12.5, 150)).isEqualTo("[#######.......................] 10/40  12.5/min  ETA 2m30s ");
        assertThat(WalkOptions.bar(40, 40, 20, 0)).startsWith("[##############################] 40/40").endsWith("ETA 0s ");
        assertThat(WalkOptions.bar(0, 5, 0, Double.NaN)).endsWith("ETA -- ");
    }
}
