package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.Frame;
import dev.videoclass.image.Images;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.videoclass.examples.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * index and search on the demo model, as the README shows them: a folder of generated colour clips,
 * one copied, indexed once per content and resumably; each colour word finds its own scene first.
 */
class SceneSearchCliTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path clips;
    static Path index;
    static JsonNode firstRun;

    @BeforeAll
    static void indexAFolder() throws Exception {
        model = dir.resolve("demo-model");
        assertThat(cli(null, "make-demo-model", model.toString()).exit()).isZero();
        clips = dir.resolve("clips");
        CliTest.Run rgb = cli(null, "make-sample", clips.resolve("rgb.mp4").toString(), "--colours", "red,green,blue");
        assertThat(rgb.exit()).as(rgb.err()).isZero();
        assertThat(rgb.json().get("cuts_s").toString()).isEqualTo("[2.0,4.0]");
        assertThat(cli(null, "make-sample", clips.resolve("yw.mp4").toString(), "--colours", "yellow,white").exit()).isZero();
        Files.createDirectories(clips.resolve("copies"));
        Files.copy(clips.resolve("rgb.mp4"), clips.resolve("copies/rgb-again.mp4"));
        index = dir.resolve("scenes-index");
        CliTest.Run r = cli(null, "index", clips.toString(), "--index", index.toString(), "--scorer", "onnx",
                "--model", model.toString(), "--parallel", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        firstRun = r.json();
    }

    static JsonNode search(String... args) throws Exception {
        String[] all = new String[args.length + 5];
        all[0] = "search";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--index";
        all[args.length + 2] = index.toString();
        all[args.length + 3] = "--model";
        all[args.length + 4] = model.toString();
        CliTest.Run r = cli(null, all);
        assertThat(r.exit()).as(r.err()).isZero();
        return r.json();
    }

    @Test
    void indexesEachContentOnceWithAllItsPaths() {
        assertThat(firstRun.get("files").asInt()).isEqualTo(3);
        assertThat(firstRun.get("contents").asInt()).isEqualTo(2);
        assertThat(firstRun.get("new").asInt()).isEqualTo(2);
        assertThat(firstRun.get("failed").asInt()).isZero();
        assertThat(firstRun.get("scenes").asInt()).isEqualTo(5);
        assertThat(firstRun.get("embedding_model").asText()).startsWith("onnx:demo-model@");
    }

    @Test
    void eachColourWordFindsItsSceneFirst() throws Exception {
        double[][] expected = {{0, 2}, {2, 4}, {4, 6}};
        String[] words = {"red", "green", "blue"};
        for (int i = 0; i < words.length; i++) {
            JsonNode result = search("a " + words[i] + " scene", "--top", "3");
            assertThat(result.get("query").asText()).isEqualTo("a " + words[i] + " scene");
            JsonNode best = result.get("hits").get(0);
            assertThat(best.get("paths")).as(words[i]).hasSize(2);
            assertThat(best.get("paths").toString()).contains("rgb.mp4", "rgb-again.mp4");
            assertThat(best.get("scene").get(0).asDouble()).as(words[i]).isCloseTo(expected[i][0], within(0.1));
            assertThat(best.get("scene").get(1).asDouble()).as(words[i]).isCloseTo(expected[i][1], within(0.1));
            assertThat(best.get("pts_s").asDouble()).isBetween(expected[i][0], expected[i][1]);
            assertThat(best.get("content_hash").asText()).hasSize(64);
            JsonNode hits = result.get("hits");
            for (int h = 1; h < hits.size(); h++) {
                assertThat(hits.get(h).get("score").asDouble()).isLessThanOrEqualTo(hits.get(h - 1).get("score").asDouble());
            }
        }
        JsonNode yellow = search("a yellow scene", "--top", "1").get("hits").get(0);
        assertThat(yellow.get("paths").toString()).contains("yw.mp4");
        assertThat(search("a red scene", "--min-score", "0.99").get("hits")).isEmpty();
    }

    @Test
    void aPhotoFindsTheSceneThatLooksLikeIt() throws Exception {
        byte[] rgb = new byte[200 * 120 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i + 1] = (byte) 170;
            rgb[i] = 40;
            rgb[i + 2] = 60;
        }
        Path png = dir.resolve("green.png");
        ImageIO.write(Images.toImage(new Frame(200, 120, rgb, 0)), "png", png.toFile());
        JsonNode result = search("--image", png.toString(), "--top", "5");
        assertThat(result.get("image").asText()).isEqualTo(png.toString());
        JsonNode best = result.get("hits").get(0);
        assertThat(best.get("scene").get(0).asDouble()).isCloseTo(2.0, within(0.1));
        assertThat(best.get("score").asDouble()).isGreaterThan(result.get("hits").get(1).get("score").asDouble());
    }

    @Test
    void aSecondRunAddsNothing() throws Exception {
        CliTest.Run again = cli(null, "index", clips.toString(), "--index", index.toString(), "--scorer", "onnx",
                "--model", model.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.json().get("new").asInt()).isZero();
        assertThat(again.json().get("present").asInt()).isEqualTo(2);
        assertThat(again.json().get("scenes").asInt()).isZero();
    }

    @Test
    void anotherModelIsRefusedForIndexingAndForSearching() throws Exception {
        Path other = dir.resolve("other-model");
        assertThat(cli(null, "make-demo-model", other.toString(), "--layout", "zero-shot").exit()).isZero();
        CliTest.Run s = cli(null, "search", "a red scene", "--index", index.toString(), "--model", other.toString());
        assertThat(s.exit()).isEqualTo(2);
        assertThat(s.err()).contains("holds embeddings of model onnx:demo-model@");
        CliTest.Run i = cli(null, "index", clips.toString(), "--index", index.toString(), "--scorer", "onnx",
                "--model", other.toString());
        assertThat(i.exit()).isEqualTo(2);
        assertThat(i.err()).contains("holds embeddings of onnx:demo-model@");
        CliTest.Run heuristic = cli(null, "index", clips.toString(), "--index", dir.resolve("idx2").toString());
        assertThat(heuristic.exit()).isEqualTo(2);
        assertThat(heuristic.err()).contains("computes no embeddings");
        CliTest.Run missing = cli(null, "search", "x", "--index", dir.resolve("nowhere").toString(), "--model", model.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no scene index");
    }
}
