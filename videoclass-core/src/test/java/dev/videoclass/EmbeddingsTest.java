package dev.videoclass;

import dev.videoclass.json.VerdictJson;
import dev.videoclass.spi.FrameEmbedder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keyframe embeddings in verdicts: one pass of the model, the image path's numbers, absent unless asked for. */
class EmbeddingsTest {
    private static final int[] BLUE = {0, 0, 255};
    private static final int[] RED = {255, 0, 0};
    private static final int[] GREEN = {0, 200, 0};

    private static VideoClassifier classifier(FakeVideo video, EmbeddingColourScorer scorer, boolean embeddings) {
        return VideoClassifier.builder().decoder(video).sampler(FakeVideo.perSecondSampler()).scorer(scorer)
                .embeddings(embeddings).build();
    }

    @Test
    void keyframesCarryTheImagePathsEmbeddingsFromOnePassOfTheModel() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE, RED, GREEN);
        EmbeddingColourScorer scorer = new EmbeddingColourScorer();
        try (VideoClassifier vc = classifier(video, scorer, true)) {
            Verdict v = vc.classify(VideoInput.of(new byte[] {1}));
            assertThat(v.isDone()).as(String.valueOf(v)).isTrue();
            assertThat(scorer.scoreAndEmbedCalls.get()).isEqualTo(1);
            assertThat(scorer.scoreCalls.get()).isZero();
            assertThat(scorer.embedCalls.get()).isZero();
            assertThat(v.embeddingModel()).isEqualTo("colour-embedding-test");
            for (int i = 0; i < 3; i++) {
                Frame still = video.frameAt(i * 10);
                float[] imagePath = scorer.embedImages(List.of(scorer.prepare(still)))[0];
                SceneEmbedding e = v.keyframes().get(i).embedding();
                assertThat(e.vector()).containsExactly(imagePath);
                assertThat(FrameEmbedder.dot(e.vector(), e.vector())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(e.sceneStartS()).isEqualTo(i);
                assertThat(e.sceneEndS()).isEqualTo(i + 1);
            }
            // the scores are those of the classifier without embeddings
            Verdict plain = classifier(video, new EmbeddingColourScorer(), false).classify(VideoInput.of(new byte[] {1}));
            assertThat(v.keyframes()).extracting(KeyframeVerdict::judgement)
                    .containsExactlyElementsOf(plain.keyframes().stream().map(KeyframeVerdict::judgement).toList());
            assertThat(vc.embedder()).isPresent();
        }
    }

    @Test
    void withoutTheFlagNothingChanges() {
        EmbeddingColourScorer scorer = new EmbeddingColourScorer();
        FakeVideo video = new FakeVideo(10, BLUE, RED);
        VideoClassifier vc = classifier(video, scorer, false);
        Verdict v = vc.classify(VideoInput.of(new byte[] {1}));
        assertThat(v.embeddingModel()).isNull();
        assertThat(v.keyframes()).allMatch(k -> k.embedding() == null);
        assertThat(VerdictJson.toJson(v)).doesNotContain("\"embedding\"", "\"embedding_model\"", "\"scene\"");
        assertThat(scorer.scoreAndEmbedCalls.get()).isZero();
        assertThat(vc.embedder()).isEmpty();
    }

    @Test
    void aScorerWithoutEmbeddingsSaysSoWhenAskedForThem() {
        assertThat(new ColourScorer().embedder()).isEmpty();
        assertThatThrownBy(() -> VideoClassifier.builder().decoder(new FakeVideo(10, RED)).scorer(new ColourScorer())
                .embeddings(true).build())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("colour-test").hasMessageContaining("computes no embeddings");
        assertThatThrownBy(() -> FrameEmbedder.of(new dev.videoclass.heuristic.HeuristicScorer()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("heuristic-v1");
    }

    @Test
    void embeddingsSurviveTheJsonRoundTrip() {
        Verdict v = classifier(new FakeVideo(10, GREEN, BLUE), new EmbeddingColourScorer(), true)
                .classify(VideoInput.of(new byte[] {1}));
        String json = VerdictJson.toJson(v);
        Verdict back = VerdictJson.parseVerdict(json);
        assertThat(back.embeddingModel()).isEqualTo(v.embeddingModel());
        assertThat(back.keyframes()).extracting(KeyframeVerdict::embedding)
                .containsExactlyElementsOf(v.keyframes().stream().map(KeyframeVerdict::embedding).toList());
        assertThat(VerdictJson.toJson(back)).isEqualTo(json);
    }

    @Test
    void aVerdictNamesAnEmbeddingModelExactlyWhenItsKeyframesHaveEmbeddings() {
        Judgement j = new Judgement(java.util.Map.of(), 0, false, 0.5, List.of());
        KeyframeVerdict plain = new KeyframeVerdict(0, j);
        KeyframeVerdict embedded = new KeyframeVerdict(0, j, new SceneEmbedding(0, 1, new float[] {1}));
        assertThatThrownBy(() -> Verdict.done(j, Evidence.NONE).keyframes(List.of(plain)).embeddingModel("m").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Verdict.done(j, Evidence.NONE).keyframes(List.of(embedded)).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void vectorHelpers() {
        float[] u = FrameEmbedder.unit(new float[] {3, 4});
        assertThat(u).containsExactly(0.6f, 0.8f);
        assertThat(FrameEmbedder.unit(new float[] {0, 0})).containsExactly(0f, 0f);
        assertThat(FrameEmbedder.dot(u, u)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> FrameEmbedder.dot(u, new float[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
