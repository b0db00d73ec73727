package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.Frame;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.image.Images;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.videoclass.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The ONNX path from the command line: make-demo-model, then classify and image with --scorer onnx. */
class OnnxCliTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void writeDemoModel() throws Exception {
        model = dir.resolve("demo-model");
        CliTest.Run r = cli(null, "make-demo-model", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void makeDemoModelWritesAModelDirectory() {
        for (String f : new String[] {"vision_model.onnx", "text_model.onnx", "tokenizer.json", "preprocessor_config.json",
                "config.json", "rubric.json"}) {
            assertThat(model.resolve(f)).isRegularFile();
        }
    }

    @Test
    void classifyWithTheDemoModelTagsTheRedSceneAndNamesTheProvider() throws Exception {
        Path video = TestVideos.video().size(320, 240).segment(0x2030C8, 1.5).segment(0xD02018, 1.5).segment(0x2030C8, 1.5)
                .writeTo(dir.resolve("blue-red-blue.mp4"));
        CliTest.Run r = cli(null, "classify", video.toString(), "--scorer", "onnx", "--model", model.toString(), "--provider", "cpu");
        assertThat(r.exit()).as("ERR[" + r.err() + "] OUT[" + r.out() + "]").isZero();
        JsonNode j = r.json();
        assertThat(j.get("scorer").get("provider").asText()).isEqualTo("cpu");
        assertThat(j.get("scorer").get("id").asText()).startsWith("onnx:demo-model@");
        assertThat(j.get("rubric").get("id").asText()).isEqualTo("demo-colours-v1");
        assertThat(j.get("scene_tags").toString()).contains("red", "blue");
        JsonNode redEvidence = j.get("evidence").get("tags").get("red");
        assertThat(redEvidence).isNotEmpty();
        assertThat(redEvidence.get(0).asDouble()).isBetween(1.5, 3.0);
    }

    @Test
    void imageWithTheDemoModelScoresLikeTheVideoPath() throws Exception {
        byte[] rgb = new byte[240 * 160 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) 0xD0;
            rgb[i + 1] = (byte) 0x20;
            rgb[i + 2] = (byte) 0x18;
        }
        Path png = dir.resolve("red.png");
        javax.imageio.ImageIO.write(Images.toImage(new Frame(240, 160, rgb, 0)), "png", png.toFile());
        CliTest.Run r = cli(null, "image", png.toString(), "--scorer", "onnx", "--model", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("tags").toString()).contains("red");
        assertThat(j.get("is_explicit").asBoolean()).isTrue();
        assertThat(j.get("scores").get("red").asDouble()).isCloseTo(1.0, within(0.05));
    }

    @Test
    void anUnusableModelIsAFailedVerdictAndAMissingModelOptionAUsageError() throws Exception {
        Path video = TestVideos.video().size(160, 120).segments(2, 1.0).writeTo(dir.resolve("short.mp4"));
        Path empty = Files.createDirectories(dir.resolve("not-a-model"));
        CliTest.Run bad = cli(null, "classify", video.toString(), "--scorer", "onnx", "--model", empty.toString());
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.json().get("status").asText()).isEqualTo("failed");
        assertThat(bad.json().get("error").get("code").asText()).isEqualTo("scorer_failed");
        CliTest.Run badImage = cli(null, "image", video.toString(), "--scorer", "onnx", "--model", empty.toString());
        assertThat(badImage.exit()).isEqualTo(3);
        assertThat(badImage.json().get("error").get("code").asText()).isEqualTo("scorer_failed");

        CliTest.Run noModel = cli(null, "classify", video.toString(), "--scorer", "onnx");
        assertThat(noModel.exit()).isEqualTo(2);
        assertThat(noModel.err()).contains("--model");
        Path rubric = dir.resolve("direct.json");
        Files.writeString(rubric, "{\"id\": \"d\", \"mode\": \"direct\", \"labels\": [{\"id\": \"x\"}]}");
        CliTest.Run unfit = cli(null, "classify", video.toString(), "--scorer", "onnx", "--model", model.toString(),
                "--rubric", rubric.toString());
        assertThat(unfit.exit()).isEqualTo(2);
        assertThat(unfit.err()).contains("direct");
    }

    @Test
    void classifyWithEmbeddingsAddsEachKeyframesSceneAndUnitEmbeddingAndOnlyThen() throws Exception {
        Path video = TestVideos.video().size(320, 240).segment(0x2030C8, 1.5).segment(0xD02018, 1.5)
                .writeTo(dir.resolve("blue-red.mp4"));
        CliTest.Run plain = cli(null, "classify", video.toString(), "--scorer", "onnx", "--model", model.toString());
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.json().has("embedding_model")).isFalse();
        assertThat(plain.json().get("keyframes").get(0).has("embedding")).isFalse();

        CliTest.Run r = cli(null, "classify", video.toString(), "--scorer", "onnx", "--model", model.toString(), "--embeddings");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("embedding_model").asText()).isEqualTo(j.get("scorer").get("id").asText());
        for (JsonNode k : j.get("keyframes")) {
            JsonNode e = k.get("embedding");
            assertThat(e).hasSize(dev.videoclass.onnx.demo.DemoModel.DIM);
            double norm = 0;
            for (JsonNode x : e) {
                norm += x.asDouble() * x.asDouble();
            }
            assertThat(norm).isCloseTo(1.0, within(1e-5));
            assertThat(k.get("scene").get(0).asDouble()).isLessThanOrEqualTo(k.get("pts_s").asDouble());
            assertThat(k.get("scene").get(1).asDouble()).isGreaterThan(k.get("pts_s").asDouble());
        }
        // the same keyframes and scores as without the flag
        assertThat(j.get("keyframes").size()).isEqualTo(plain.json().get("keyframes").size());
        assertThat(j.get("scores")).isEqualTo(plain.json().get("scores"));
    }

    @Test
    void embeddingsOfAScorerThatHasNoneAreAUsageErrorThatSaysWhy() throws Exception {
        Path video = TestVideos.video().size(160, 120).segments(2, 1.0).writeTo(dir.resolve("two.mp4"));
        CliTest.Run r = cli(null, "classify", video.toString(), "--embeddings");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("heuristic-v1", "computes no embeddings");
        assertThat(r.out()).isEmpty();
    }
}
