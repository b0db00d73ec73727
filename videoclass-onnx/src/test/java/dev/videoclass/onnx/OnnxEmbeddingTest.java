package dev.videoclass.onnx;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.image.Images;
import dev.videoclass.onnx.demo.DemoModel;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.spi.FrameEmbedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.videoclass.onnx.DemoExpectations.flatEmbedding;
import static dev.videoclass.onnx.DemoExpectations.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The ONNX scorer's embeddings: what the towers output, normalised; one pass gives scores and embeddings. */
class OnnxEmbeddingTest {
    static final int RED = 0xE01818;
    static final int GREEN = 0x20C020;
    static final int BLUE = 0x1820D0;

    @TempDir
    static Path tmp;
    static OnnxScorer split;

    @BeforeAll
    static void open() throws Exception {
        DemoModel.write(tmp.resolve("demo"));
        split = OnnxScorer.open(tmp.resolve("demo"), OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).build());
    }

    @AfterAll
    static void close() {
        split.close();
    }

    private static List<Frame> prepared(OnnxScorer scorer, int... colours) {
        List<Frame> frames = new ArrayList<>();
        for (int c : colours) {
            frames.add(scorer.prepare(solid(c, 200, 120)));
        }
        return frames;
    }

    @Test
    void imageEmbeddingsAreTheTowersOutputNormalised() throws Exception {
        FrameEmbedder e = FrameEmbedder.of(split);
        assertThat(e.modelId()).isEqualTo(split.id());
        float[][] vectors = e.embedImages(prepared(split, RED, GREEN, BLUE));
        int[] colours = {RED, GREEN, BLUE};
        for (int i = 0; i < colours.length; i++) {
            float[] expected = FrameEmbedder.unit(flatEmbedding(colours[i]));
            assertThat(vectors[i]).hasSize(DemoModel.DIM);
            for (int d = 0; d < DemoModel.DIM; d++) {
                assertThat(vectors[i][d]).isCloseTo(expected[d], within(2e-3f));
            }
            assertThat(FrameEmbedder.dot(vectors[i], vectors[i])).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void oneScoringPassGivesTheScoresOfScoreAndTheEmbeddingsOfEmbedImages() throws Exception {
        List<Frame> frames = prepared(split, RED, GREEN, BLUE, 0x808080, 0x101010);
        Rubric rubric = split.bind(split.defaultRubric());
        try (OnnxScorer small = OnnxScorer.open(tmp.resolve("demo"),
                OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).maxBatchSize(2).build())) {
            FrameEmbedder.ScoredBatch both = FrameEmbedder.of(small).scoreAndEmbed(frames, rubric);
            float[][] scores = split.score(frames, rubric);
            float[][] vectors = FrameEmbedder.of(split).embedImages(frames);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(both.scores()[i]).containsExactly(scores[i], within(1e-6f));
                assertThat(both.embeddings()[i]).containsExactly(vectors[i], within(1e-6f));
            }
        }
    }

    @Test
    void aTextEmbedsToItsWordsAndItsCosineWithAPictureIsTheRawScore() throws Exception {
        FrameEmbedder e = FrameEmbedder.of(split);
        float[] red = e.embedText("a red scene");
        float[] expected = FrameEmbedder.unit(DemoModel.textEmbedding("a red scene"));
        assertThat(red).containsExactly(expected, within(1e-6f));
        Rubric rubric = split.bind(split.defaultRubric());
        List<Frame> frames = prepared(split, RED, BLUE);
        float[][] raw = split.score(frames, rubric);
        float[][] images = e.embedImages(frames);
        int redLabel = rubric.labels().indexOf(rubric.labels().stream().filter(l -> l.id().equals("red")).findFirst().orElseThrow());
        for (int i = 0; i < 2; i++) {
            assertThat(FrameEmbedder.dot(red, images[i])).isCloseTo(raw[i][redLabel], within(1e-5));
        }
        assertThat(FrameEmbedder.dot(red, images[0])).isGreaterThan(FrameEmbedder.dot(red, images[1]));
    }

    @Test
    void theOneModelZeroShotExportEmbedsLikeTheSplitTowers() throws Exception {
        Path dir = tmp.resolve("zero-shot");
        DemoModel.write(dir, DemoModel.Layout.ZERO_SHOT);
        try (OnnxScorer zeroShot = OnnxScorer.open(dir, OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).build())) {
            FrameEmbedder z = FrameEmbedder.of(zeroShot);
            FrameEmbedder s = FrameEmbedder.of(split);
            List<Frame> frames = prepared(zeroShot, RED, GREEN);
            float[][] a = z.embedImages(frames);
            float[][] b = s.embedImages(frames);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(a[i]).containsExactly(b[i], within(1e-5f));
            }
            assertThat(z.embedText("a green scene")).containsExactly(s.embedText("a green scene"), within(1e-5f));
            FrameEmbedder.ScoredBatch both = z.scoreAndEmbed(frames, zeroShot.bind(zeroShot.defaultRubric()));
            assertThat(both.embeddings()[1]).containsExactly(b[1], within(1e-5f));
        }
    }

    @Test
    void aClassifierHasNoEmbeddingsAndAVisionOnlyModelEmbedsNoText() throws Exception {
        Path cls = tmp.resolve("classifier");
        DemoModel.write(cls, DemoModel.Layout.CLASSIFIER);
        try (OnnxScorer classifier = OnnxScorer.open(cls)) {
            assertThat(classifier.embedder()).isEmpty();
            assertThatThrownBy(() -> FrameEmbedder.of(classifier)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining(classifier.id());
        }
        Path visionOnly = tmp.resolve("vision-only");
        DemoModel.write(visionOnly);
        Files.delete(visionOnly.resolve("text_model.onnx"));
        try (OnnxScorer vision = OnnxScorer.open(visionOnly)) {
            FrameEmbedder e = FrameEmbedder.of(vision);
            assertThat(e.embedImages(prepared(vision, RED))[0]).hasSize(DemoModel.DIM);
            assertThatThrownBy(() -> e.embedText("a red scene")).isInstanceOf(VideoException.class)
                    .hasMessageContaining("no text tower")
                    .satisfies(t -> assertThat(((VideoException) t).code()).isEqualTo(ErrorCode.SCORER_FAILED));
        }
    }

    @Test
    void aStillVideosKeyframesCarryTheImagePathsEmbeddingOfThePicture() throws Exception {
        Frame picture = OnnxVideoTest.testCard(640, 360);
        Path png = tmp.resolve("card.png");
        ImageIO.write(Images.toImage(picture), "png", png.toFile());
        Path video = tmp.resolve("card.mp4");
        TestVideos.run("-loop", "1", "-i", png.toString(), "-t", "2", "-r", "30", "-c:v", "libx264", "-crf", "16",
                "-pix_fmt", "yuv420p", "-vf", "scale=out_color_matrix=bt709:out_range=tv", "-colorspace", "bt709",
                "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", video.toString());
        VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).scorer(split).embeddings(true).build();
        Verdict v = vc.classify(video);
        assertThat(v.isDone()).as(String.valueOf(v)).isTrue();
        assertThat(v.embeddingModel()).isEqualTo(split.id());
        float[] still = FrameEmbedder.of(split).embedImages(List.of(split.prepare(Images.decode(Files.readAllBytes(png), 1L << 30))))[0];
        for (KeyframeVerdict k : v.keyframes()) {
            // within the parity tolerance of the scores: H.264 blurs the card's fine texture a little
            assertThat(k.embedding().vector()).as("keyframe at %.2f s", k.ptsS()).containsExactly(still, within(0.02f));
            assertThat(k.embedding().sceneStartS()).isLessThanOrEqualTo(k.ptsS());
            assertThat(k.embedding().sceneEndS()).isGreaterThan(k.ptsS());
        }
    }
}
