package dev.videoclass.examples;

import dev.videoclass.ffmpeg.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedding example runs as documented and reports a verdict. */
class EmbeddingExampleTest {

    @Test
    void classifiesAnUploadAndPrintsTheDecision(@TempDir Path dir) throws Exception {
        Path video = TestVideos.video().size(160, 120).segments(2, 1.0).writeTo(dir.resolve("clip.mp4"));
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            EmbeddingExample.main(new String[]{video.toString()});
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("explicit=false").contains("keyframes=2").contains("\"explicit\":[]");
    }
}
