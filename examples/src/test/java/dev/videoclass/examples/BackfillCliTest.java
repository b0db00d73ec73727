package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.VerdictJson;
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
            JsonNode n = VerdictJson.mapper().readTree(l);
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
        assertThat(Files.readAllLines(out)).hasSize(3);
    }
}
