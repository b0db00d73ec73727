package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.ffmpeg.testing.TestVideos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.videoclass.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code frames}: the keyframes scenes chooses, as upright images with frames.json; all or nothing. */
class FramesCliTest {
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void writeVideo() {
        clip = TestVideos.video().size(320, 240).segments(3, 1.5).writeTo(dir.resolve("clip.mp4"));
    }

    @Test
    void writesTheKeyframesThatScenesChoosesWithTheirTimesScenesAndTheVideosFacts() throws Exception {
        CliTest.Run scenes = cli(null, "scenes", clip.toString(), "--sampler", "exact");
        assertThat(scenes.exit()).as(scenes.err()).isZero();
        Path out = dir.resolve("exact");
        CliTest.Run r = cli(null, "frames", clip.toString(), "--out", out.toString(), "--sampler", "exact");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(json).isEqualTo(new CliTest.Run(0, Files.readString(out.resolve("frames.json")), "").json());
        JsonNode frames = json.get("frames");
        JsonNode keyframes = scenes.json().get("keyframes");
        assertThat(frames).hasSize(keyframes.size()).hasSize(3);
        for (int i = 0; i < frames.size(); i++) {
            JsonNode f = frames.get(i);
            assertThat(f.get("file").asText()).isEqualTo(String.format("frame-%03d.jpg", i));
            assertThat(f.get("pts_s").asDouble()).isCloseTo(keyframes.get(i).get("pts_s").asDouble(), within(0.04));
            assertThat(f.get("scene").get(0).asDouble()).isCloseTo(1.5 * i, within(0.04));
            assertThat(f.get("scene").get(1).asDouble()).isCloseTo(1.5 * (i + 1), within(0.04));
            BufferedImage img = ImageIO.read(out.resolve(f.get("file").asText()).toFile());
            assertThat(img.getWidth()).isEqualTo(320).isEqualTo(f.get("width").asInt());
            assertThat(img.getHeight()).isEqualTo(240).isEqualTo(f.get("height").asInt());
        }
        JsonNode video = json.get("video");
        assertThat(video.get("duration_s").asDouble()).isCloseTo(4.5, within(0.05));
        assertThat(video.get("codec").asText()).isNotEmpty();
        assertThat(video.get("width").asInt()).isEqualTo(320);
        assertThat(video.get("size_bytes").asLong()).isEqualTo(Files.size(clip));
        assertThat(video.has("frame_rate")).isTrue();
    }

    @Test
    void framesOfARotatedVideoAreUpright() throws Exception {
        Path rotated = TestVideos.video().size(320, 240).asymmetric(1.0).codec(TestVideos.Codec.H264_MP4)
                .displayRotation(90).writeTo(dir.resolve("rot90.mp4"));
        Path out = dir.resolve("rot");
        CliTest.Run r = cli(null, "frames", rotated.toString(), "--out", out.toString(), "--format", "png");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode f = r.json().get("frames").get(0);
        assertThat(f.get("file").asText()).isEqualTo("frame-000.png");
        assertThat(r.json().get("video").get("rotation").asInt()).isEqualTo(270);
        BufferedImage img = ImageIO.read(out.resolve("frame-000.png").toFile());
        assertThat(img.getWidth()).isEqualTo(240);
        assertThat(img.getHeight()).isEqualTo(320);
        int left = img.getRGB(20, 160);
        int right = img.getRGB(220, 160);
        assertThat((left >> 16) & 0xFF).as("red on the left, as a player shows it").isGreaterThan(180);
        assertThat(right & 0xFF).as("blue on the right").isGreaterThan(180);
    }

    @Test
    void uniformCadenceExportsOneFramePerInterval() throws Exception {
        Path out = dir.resolve("uniform");
        CliTest.Run r = cli(null, "frames", clip.toString(), "--out", out.toString(), "--sampler", "uniform",
                "--interval", "0.5", "--max-keyframes", "100", "--max-side", "160");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode frames = r.json().get("frames");
        assertThat(frames).hasSize(9);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).get("pts_s").asDouble()).isBetween(0.5 * i, 0.5 * (i + 1));
            assertThat(frames.get(i).get("width").asInt()).isEqualTo(160);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.count()).isEqualTo(10);
        }
    }

    @Test
    void badInputIsAFailedJsonAndLeavesNoFolder() throws Exception {
        Path junk = Files.writeString(dir.resolve("not-a-video.mp4"), "this is text, not a video");
        Path out = dir.resolve("junk-frames");
        CliTest.Run r = cli(null, "frames", junk.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.json().get("status").asText()).isEqualTo("failed");
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("unsupported_format");
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("junk-frames"));
        }
        CliTest.Run full = cli(null, "frames", clip.toString(), "--out", dir.toString());
        assertThat(full.exit()).isEqualTo(2);
        assertThat(full.err()).contains("new or empty folder");
        CliTest.Run badFormat = cli(null, "frames", clip.toString(), "--out", dir.resolve("x").toString(), "--format", "gif");
        assertThat(badFormat.exit()).isEqualTo(2);
    }
}
