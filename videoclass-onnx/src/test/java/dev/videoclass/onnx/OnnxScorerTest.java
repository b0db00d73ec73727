package dev.videoclass.onnx;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.ImageClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.onnx.demo.DemoModel;
import dev.videoclass.onnx.demo.graph.OnnxGraphBuilder;
import dev.videoclass.Judgement;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.videoclass.onnx.DemoExpectations.cosine;
import static dev.videoclass.onnx.DemoExpectations.sigmoid;
import static dev.videoclass.onnx.DemoExpectations.softmax;
import static dev.videoclass.onnx.DemoExpectations.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnnxScorerTest {
    static final int RED = 0xE01818;
    static final int BLUE = 0x1820D0;
    static final int GREY = 0x808080;

    @TempDir
    static Path tmp;
    static Path split;
    static OnnxScorer scorer;

    @BeforeAll
    static void writeModel() throws Exception {
        split = tmp.resolve("demo");
        DemoModel.write(split);
        scorer = OnnxScorer.open(split, OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).build());
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    @Test
    void splitTowersLoadOnTheCpuAndNameTheProvider() {
        assertThat(scorer.kind()).isEqualTo(OnnxScorer.Kind.SPLIT_TOWERS);
        assertThat(scorer.executionProvider()).isEqualTo("cpu");
        assertThat(scorer.id()).startsWith("onnx:demo@");
    }

    @Test
    void sigmoidRubricGivesSigmoidOfModelScaledCosinePlusBias() throws Exception {
        ImageClassifier images = new ImageClassifier(scorer, null, null);
        assertThat(images.rubric().scale()).isCloseTo(10.0, within(1e-9));
        assertThat(images.rubric().bias()).isEqualTo(DemoModel.LOGIT_BIAS);
        for (int colour : new int[] {RED, BLUE, GREY}) {
            Judgement v = images.judge(solid(colour, 640, 360));
            for (RubricLabel label : images.rubric().labels()) {
                double expected = sigmoid(10 * cosine(colour, label.text()) + DemoModel.LOGIT_BIAS);
                assertThat(v.scores().get(label.id())).as("%06X %s", colour, label.id()).isCloseTo(expected, within(1e-4));
            }
        }
        Judgement red = images.judge(solid(RED, 320, 240));
        assertThat(red.isExplicit()).isTrue();
        assertThat(red.tags()).contains("red").doesNotContain("blue", "green");
        Judgement blue = images.judge(solid(BLUE, 320, 240));
        assertThat(blue.isExplicit()).isFalse();
        assertThat(blue.tags()).contains("blue").doesNotContain("red");
        assertThat(blue.qualityScore()).as("a flat picture is blurry").isLessThan(0.5);
    }

    @Test
    void contrastiveRubricIsSoftmaxOverLabelsWithTheModelScaleUnlessTheRubricSetsOne() throws Exception {
        List<RubricLabel> labels = List.of(new RubricLabel("red", "a red scene", LabelRole.TAG),
                new RubricLabel("green", "a green scene", LabelRole.TAG),
                new RubricLabel("blue", "a blue scene", LabelRole.TAG));
        Rubric fromModel = Rubric.of("rgb", ScoreMode.CONTRASTIVE, labels, 0.5, 0.3);
        Rubric own = new Rubric("rgb-t", ScoreMode.CONTRASTIVE, 3.0, null, null, labels, 0.5, 0.3);
        for (Rubric r : List.of(fromModel, own)) {
            ImageClassifier images = new ImageClassifier(scorer, r, null);
            double t = r == own ? 3.0 : 10.0;
            assertThat(images.rubric().temperature()).isCloseTo(t, within(1e-9));
            Judgement v = images.judge(solid(RED, 400, 300));
            double[] expected = softmax(t * cosine(RED, "a red scene"), t * cosine(RED, "a green scene"),
                    t * cosine(RED, "a blue scene"));
            assertThat(v.scores().get("red")).isCloseTo(expected[0], within(1e-4));
            assertThat(v.scores().get("green")).isCloseTo(expected[1], within(1e-4));
            assertThat(v.scores().get("blue")).isCloseTo(expected[2], within(1e-4));
        }
    }

    @Test
    void zeroShotSingleModelScoresLikeTheSplitTowers() throws Exception {
        Path dir = tmp.resolve("single");
        DemoModel.write(dir, DemoModel.Layout.ZERO_SHOT);
        try (OnnxScorer single = OnnxScorer.open(dir)) {
            assertThat(single.kind()).isEqualTo(OnnxScorer.Kind.ZERO_SHOT);
            ImageClassifier a = new ImageClassifier(single, null, null);
            ImageClassifier b = new ImageClassifier(scorer, null, null);
            for (int colour : new int[] {RED, BLUE, GREY}) {
                Judgement va = a.judge(solid(colour, 300, 200));
                Judgement vb = b.judge(solid(colour, 300, 200));
                vb.scores().forEach((label, s) -> assertThat(va.scores().get(label)).as(label).isCloseTo(s, within(1e-5)));
            }
        }
    }

    @Test
    void classifierLabelsSumTheirClassesProbabilities() throws Exception {
        Path dir = tmp.resolve("classifier");
        DemoModel.write(dir, DemoModel.Layout.CLASSIFIER);
        try (OnnxScorer classifier = OnnxScorer.open(dir)) {
            assertThat(classifier.kind()).isEqualTo(OnnxScorer.Kind.CLASSIFIER);
            assertThat(classifier.defaultRubric().labelIds()).containsExactlyElementsOf(DemoModel.CLASSES);
            Rubric r = Rubric.of("warm-cold", ScoreMode.DIRECT, List.of(
                    new RubricLabel("explicit", "warm", LabelRole.EXPLICIT, null, List.of("red")),
                    new RubricLabel("safe", "cold or grey", LabelRole.SAFE, null, List.of("green", "blue", "grey"))), 0.5, 0.5);
            ImageClassifier images = new ImageClassifier(classifier, r, null);
            float[] e = DemoExpectations.flatEmbedding(RED);
            double[] logits = new double[4];
            float[][] directions = {{1, -1, -1, 0, 0}, {-1, 1, -1, 0, 0}, {-1, -1, 1, 0, 0}, {0, 0, 0, 0, 1}};
            for (int c = 0; c < 4; c++) {
                for (int d = 0; d < 5; d++) {
                    logits[c] += 3 * directions[c][d] * e[d];
                }
            }
            double[] p = softmax(logits);
            Judgement v = images.judge(solid(RED, 64, 64));
            assertThat(v.scores().get("explicit")).isCloseTo(p[0], within(1e-4));
            assertThat(v.scores().get("safe")).isCloseTo(p[1] + p[2] + p[3], within(1e-4));
            assertThat(v.isExplicit()).isTrue();

            Rubric unknown = Rubric.of("x", ScoreMode.DIRECT, List.of(new RubricLabel("nsfw", "nsfw", LabelRole.EXPLICIT)), 0.5, 0.5);
            assertThatThrownBy(() -> new ImageClassifier(classifier, unknown, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nsfw'").hasMessageContaining("[red, green, blue, grey]");
            Rubric contrastive = Rubric.of("x", ScoreMode.CONTRASTIVE, List.of(new RubricLabel("red", "red", LabelRole.TAG)), 0.5, 0.5);
            assertThatThrownBy(() -> new ImageClassifier(classifier, contrastive, null)).hasMessageContaining("direct");
        }
    }

    @Test
    void precomputedEmbeddingsServeAModelWithoutTextTower() throws Exception {
        Path dir = tmp.resolve("vision-only");
        DemoModel.write(dir);
        Files.delete(dir.resolve("text_model.onnx"));
        Files.delete(dir.resolve("rubric.json"));
        try (OnnxScorer visionOnly = OnnxScorer.open(dir)) {
            Rubric withEmbeddings = Rubric.of("pre", ScoreMode.SIGMOID, List.of(
                    new RubricLabel("red", "a red scene", LabelRole.TAG, DemoModel.textEmbedding("a red scene"), null),
                    new RubricLabel("blue", "a blue scene", LabelRole.TAG, DemoModel.textEmbedding("a blue scene"), null)), 0.5, 0.5);
            Judgement v = new ImageClassifier(visionOnly, withEmbeddings, null).judge(solid(BLUE, 100, 100));
            assertThat(v.scores().get("blue")).isCloseTo(sigmoid(10 * cosine(BLUE, "a blue scene") - 5), within(1e-4));
            assertThat(v.tags()).containsExactly("blue");

            Rubric missing = Rubric.of("text", ScoreMode.SIGMOID, List.of(new RubricLabel("red", "a red scene", LabelRole.TAG)), 0.5, 0.5);
            assertThatThrownBy(() -> new ImageClassifier(visionOnly, missing, null)).hasMessageContaining("no text tower");
            assertThatThrownBy(visionOnly::defaultRubric).hasMessageContaining("rubric.json");

            Rubric wrongSize = Rubric.of("dims", ScoreMode.SIGMOID, List.of(
                    new RubricLabel("red", "red", LabelRole.TAG, new float[] {1, 0, 0}, null)), 0.5, 0.5);
            ImageClassifier images = new ImageClassifier(visionOnly, wrongSize, null);
            assertThatThrownBy(() -> images.judge(solid(RED, 50, 50)))
                    .isInstanceOf(VideoException.class).hasMessageContaining("3-dimensional");
        }
    }

    @Test
    void batchesLargerThanTheLimitAreSplitWithoutChangingScores() throws Exception {
        List<Frame> frames = new ArrayList<>();
        int[] colours = {RED, BLUE, GREY, 0x20C020, 0x101010};
        for (int c : colours) {
            frames.add(scorer.prepare(solid(c, 200, 120)));
        }
        Rubric r = scorer.bind(scorer.defaultRubric());
        float[][] whole = scorer.score(frames, r);
        try (OnnxScorer small = OnnxScorer.open(split, OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).maxBatchSize(2).build())) {
            float[][] split2 = small.score(frames, small.bind(small.defaultRubric()));
            for (int i = 0; i < frames.size(); i++) {
                for (int l = 0; l < whole[i].length; l++) {
                    assertThat(split2[i][l]).isCloseTo(whole[i][l], within(1e-5f));
                }
            }
        }
    }

    @Test
    void concurrentScoringOnOneSessionMatchesSequentialScoring() throws Exception {
        Rubric r = scorer.bind(scorer.defaultRubric());
        int[] colours = {RED, BLUE, GREY, 0x20C020, 0x101010, 0xF0F0F0, 0x808000, 0x008080};
        List<float[][]> sequential = new ArrayList<>();
        for (int c : colours) {
            sequential.add(scorer.score(List.of(scorer.prepare(solid(c, 320, 180))), r));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int c : colours) {
                futures.add(pool.submit(() -> scorer.score(List.of(scorer.prepare(solid(c, 320, 180))), r)));
            }
            for (int i = 0; i < colours.length; i++) {
                assertThat(futures.get(i).get()).isDeepEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aModelWhoseInputShapeDisagreesWithItsPreprocessingFailsToOpenWithScorerFailed() throws Exception {
        Path dir = tmp.resolve("wrong-shape");
        DemoModel.write(dir);
        OnnxGraphBuilder g = new OnnxGraphBuilder("fixed-224");
        g.input("pixel_values", OnnxGraphBuilder.ElementType.FLOAT, "batch", 3, 224, 224);
        String pooled = g.node("GlobalAveragePool", List.of("pixel_values"), "pooled");
        g.node("Flatten", List.of(pooled), "image_embeds", OnnxGraphBuilder.Attribute.of("axis", 1L));
        g.output("image_embeds", OnnxGraphBuilder.ElementType.FLOAT, "batch", 3);
        g.write(dir.resolve("vision_model.onnx"));
        assertThatThrownBy(() -> OnnxScorer.open(dir))
                .isInstanceOf(VideoException.class)
                .satisfies(e -> assertThat(((VideoException) e).code()).isEqualTo(ErrorCode.SCORER_FAILED))
                .hasMessageContaining("[-1, 3, 224, 224]").hasMessageContaining("[batch, 3, 384, 384]");
    }

    @Test
    void aDirectoryWithoutModelOrPreprocessingIsRefusedWithAReason() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> OnnxScorer.open(empty)).isInstanceOf(VideoException.class).hasMessageContaining("model.onnx");
        Path noPre = tmp.resolve("no-preprocessor");
        DemoModel.write(noPre);
        Files.delete(noPre.resolve("preprocessor_config.json"));
        assertThatThrownBy(() -> OnnxScorer.open(noPre)).hasMessageContaining("preprocessor_config.json");
        assertThatThrownBy(() -> OnnxScorer.open(tmp.resolve("missing"))).hasMessageContaining("not found");
    }

    @Test
    void forcingCudaWithoutAUsableGpuFailsClearly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(GpuSupport.cudaUsable(split), "this machine has a usable CUDA GPU");
        assertThatThrownBy(() -> OnnxScorer.open(split, OnnxOptions.builder().provider(OnnxOptions.Provider.CUDA).build()))
                .isInstanceOf(VideoException.class)
                .satisfies(e -> assertThat(((VideoException) e).code()).isEqualTo(ErrorCode.SCORER_FAILED))
                .hasMessageContaining("CUDA");
        try (OnnxScorer auto = OnnxScorer.open(split)) {
            assertThat(auto.executionProvider()).as("AUTO falls back to the CPU").isEqualTo("cpu");
        }
    }
}
