package dev.videoclass.examples;

import dev.videoclass.Limits;
import dev.videoclass.ffmpeg.testing.TestVideos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.videoclass.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** The limit flags end to end, on a video just over the default duration limit (tiny and at 5 fps, so cheap). */
class LongVideoCliTest {
    @TempDir
    static Path dir;
    static Path video;

    @BeforeAll
    static void writeVideo() {
        // 600.6 s: two scenes of 300.3 s, 64x64 at 5 fps (3003 frames)
        video = TestVideos.video().size(64, 64).fps(5).segments(2, 300.3).writeTo(dir.resolve("long.mp4"));
    }

    @Test
    void aVideoOverTheDefaultDurationFailsAsTooLongAndPassesWithAHigherMaxDuration() throws Exception {
        assertThat(Limits.DEFAULTS.maxDurationS()).isLessThan(600.6);
        CliTest.Run refused = cli(null, "classify", video.toString());
        assertThat(refused.exit()).as(refused.err()).isEqualTo(VideoclassCli.EXIT_FAILED);
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("too_long");

        CliTest.Run accepted = cli(null, "classify", video.toString(), "--max-duration", "700");
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(accepted.json().get("status").asText()).isEqualTo("done");
        assertThat(accepted.json().get("duration_s").asDouble()).isGreaterThan(600);
    }

    @Test
    void aPixelLimitReachesTheDecoderThroughScenes() throws Exception {
        CliTest.Run pixels = cli(null, "scenes", video.toString(), "--max-duration", "700", "--max-pixels", "1000");
        assertThat(pixels.exit()).isEqualTo(VideoclassCli.EXIT_FAILED);
        assertThat(pixels.json().get("error").get("code").asText()).isEqualTo("too_many_pixels");
    }
}
