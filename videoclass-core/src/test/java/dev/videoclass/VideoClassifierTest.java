package dev.videoclass;

import dev.videoclass.spi.FrameScorer;
import dev.videoclass.json.VerdictJson;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.aggregate.Aggregators;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VideoClassifierTest {
    private static final int[] BLUE = {0, 0, 255};
    private static final int[] RED = {255, 0, 0};
    private static final int[] GREEN = {0, 200, 0};

    private static VideoClassifier classifier(FakeVideo video, ColourScorer scorer) {
        return VideoClassifier.builder().decoder(video).sampler(FakeVideo.perSecondSampler()).scorer(scorer).build();
    }

    @Test
    void maxAggregationMakesTheVideoExplicitWhenOneKeyframeIsAndNamesIt() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE, BLUE, RED, GREEN);
        try (VideoClassifier vc = classifier(video, new ColourScorer())) {
            Verdict v = vc.classify(VideoInput.of(new byte[]{1}));
            assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
            assertThat(v.isExplicit()).isTrue();
            assertThat(v.evidence().explicit()).containsExactly(2.0);
            assertThat(v.sceneTags()).containsExactly("blue");
            assertThat(v.evidence().tags().get("blue")).containsExactlyInAnyOrder(0.0, 1.0);
            assertThat(v.inferences()).isEqualTo(4);
            assertThat(v.keyframes()).extracting(KeyframeVerdict::ptsS).containsExactly(0.0, 1.0, 2.0, 3.0);
            assertThat(v.keyframes().get(2).isExplicit()).isTrue();
            assertThat(v.keyframes().get(0).isExplicit()).isFalse();
        }
    }

    @Test
    void meanAggregationNeedsMostKeyframes() {
        FakeVideo video = new FakeVideo(10, BLUE, BLUE, RED, GREEN);
        VideoClassifier vc = VideoClassifier.builder().decoder(video).sampler(FakeVideo.perSecondSampler())
                .scorer(new ColourScorer()).aggregator(Aggregators.mean()).build();
        Verdict v = vc.classify(VideoInput.of(new byte[]{1}));
        assertThat(v.isExplicit()).isFalse();
        assertThat(v.evidence().explicit()).isEmpty();
        assertThat(v.explicitScore()).isEqualTo(0.25, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void posterIsTheBestQualityKeyframeAsJpeg() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE, GREEN, RED);
        Verdict v = classifier(video, new ColourScorer()).classify(VideoInput.of(new byte[]{1}));
        assertThat(v.posterJpeg()).isNotNull();
        var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(v.posterJpeg()));
        assertThat(img.getWidth()).isEqualTo(v.posterWidth());
        int rgb = img.getRGB(10, 10);
        assertThat((rgb >> 8) & 0xFF).isGreaterThan(150); // the green keyframe has the best "quality"
        assertThat((rgb >> 16) & 0xFF).isLessThan(60);
    }

    @Test
    void jsonIsSnakeCaseAndCarriesTheContract() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE, RED);
        Verdict v = classifier(video, new ColourScorer()).classify(VideoInput.of(new byte[]{1}));
        JsonNode json = VerdictJson.reader().readTree(VerdictJson.toJson(v));
        assertThat(json.get("status").asText()).isEqualTo("done");
        assertThat(json.get("is_explicit").asBoolean()).isTrue();
        for (String field : List.of("quality_score", "scene_tags", "poster_b64", "poster_width", "poster_height",
                "duration_s", "sampler", "inferences", "keyframes", "evidence", "scorer", "rubric", "timings_ms")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        JsonNode kf = json.get("keyframes").get(1);
        assertThat(kf.get("pts_s").asDouble()).isEqualTo(1.0);
        assertThat(kf.get("scores").get("red").asDouble()).isGreaterThan(0.9);
        assertThat(kf.has("is_explicit")).isTrue();
        assertThat(kf.has("quality_score")).isTrue();
        assertThat(kf.has("tags")).isTrue();
        assertThat(json.get("evidence").get("explicit").get(0).asDouble()).isEqualTo(1.0);
        assertThat(json.get("scorer").get("id").asText()).isEqualTo("colour-test");
        assertThat(json.get("scorer").get("provider").asText()).isEqualTo("java");
        assertThat(json.get("rubric").get("hash").asText()).hasSize(64);
        for (String t : List.of("probe", "decode", "score", "total")) {
            assertThat(json.get("timings_ms").has(t)).as(t).isTrue();
        }
        assertThat(json.has("poster_jpeg")).isFalse();
        assertThat(json.has("error")).isFalse();
    }

    @Test
    void decoderFailureBecomesAFailedVerdictWithoutDecisionFields() throws Exception {
        FakeVideo video = new FakeVideo(10, BLUE);
        video.failOnOpen = new VideoException(ErrorCode.TOO_LONG, "the video lasts 700 s,\n more than 600 s");
        Verdict v = classifier(video, new ColourScorer()).classify(VideoInput.of(new byte[]{1}));
        assertThat(v.status()).isEqualTo(VerdictStatus.FAILED);
        JsonNode json = VerdictJson.reader().readTree(VerdictJson.toJson(v));
        assertThat(json.get("error").get("code").asText()).isEqualTo("too_long");
        assertThat(json.get("error").get("message").asText()).doesNotContain("\n").contains("600 s");
        assertThat(json.has("is_explicit")).isFalse();
    }

    @Test
    void scorerCrashBecomesScorerFailed() {
        FakeVideo video = new FakeVideo(10, BLUE);
        ColourScorer broken = new ColourScorer();
        VideoClassifier vc = VideoClassifier.builder().decoder(video).sampler(FakeVideo.perSecondSampler())
                .scorer(new FrameScorerAdapter(broken) {
                    @Override
                    public float[][] score(List<Frame> prepared, dev.videoclass.rubric.Rubric rubric) {
                        throw new IllegalStateException("model exploded");
                    }
                }).build();
        Verdict v = vc.classify(VideoInput.of(new byte[]{1}));
        assertThat(v.error().code()).isEqualTo(ErrorCode.SCORER_FAILED);
        assertThat(v.error().message()).contains("model exploded");
    }

    @Test
    void unexpectedExceptionInsideIsInternalNotThrown() {
        FakeVideo video = new FakeVideo(10, BLUE);
        VideoClassifier vc = VideoClassifier.builder().decoder(video)
                .sampler((s, p) -> {
                    throw new NullPointerException("bug");
                })
                .scorer(new ColourScorer()).build();
        Verdict v = vc.classify(VideoInput.of(new byte[]{1}));
        assertThat(v.error().code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void closeClosesTheScorer() {
        ColourScorer scorer = new ColourScorer();
        classifier(new FakeVideo(10, BLUE), scorer).close();
        assertThat(scorer.closed).isTrue();
    }

    @Test
    void imagePathAndVideoPathGiveTheSameFrameVerdict() throws Exception {
        FakeVideo video = new FakeVideo(10, RED);
        VideoClassifier vc = classifier(video, new ColourScorer());
        Verdict v = vc.classify(VideoInput.of(new byte[]{1}));
        var still = vc.images().judge(video.frameAt(0));
        assertThat(v.keyframes().get(0).scores()).isEqualTo(still.scores());
        assertThat(v.keyframes().get(0).isExplicit()).isEqualTo(still.isExplicit());
    }

    @Test
    void verdictJsonReadsBackToTheSameVerdict() {
        FakeVideo video = new FakeVideo(10, BLUE, GREEN, RED);
        Verdict v = classifier(video, new ColourScorer()).classify(VideoInput.of(new byte[]{1}));
        Verdict back = VerdictJson.parseVerdict(VerdictJson.toJson(v));
        assertThat(back.posterJpeg()).isEqualTo(v.posterJpeg());
        assertThat(VerdictJson.toJson(back)).isEqualTo(VerdictJson.toJson(v));
        assertThat(back.keyframes()).isEqualTo(v.keyframes());
        video.failOnOpen = new VideoException(ErrorCode.TOO_LARGE, "big");
        Verdict failed = classifier(video, new ColourScorer()).classify(VideoInput.of(new byte[]{1}));
        assertThat(VerdictJson.parseVerdict(VerdictJson.toJson(failed)).error().code()).isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void progressGoesThroughTheStagesInOrderWithThrottledFrameCounts() {
        FakeVideo video = new FakeVideo(10, BLUE, GREEN, RED, BLUE); // 40 frames, 4 keyframes
        VideoClassifier vc = VideoClassifier.builder().decoder(video).sampler(FakeVideo.readingSampler())
                .scorer(new ColourScorer()).build();
        List<Progress> seen = new java.util.ArrayList<>();
        Verdict v = vc.classify(VideoInput.of(new byte[]{1}), () -> false, seen::add);
        assertThat(v.isDone()).isTrue();
        assertThat(seen).containsExactly(
                new Progress(Progress.Stage.PROBE, 0, 0, 0),
                new Progress(Progress.Stage.SAMPLING, 0, 0, 0),
                new Progress(Progress.Stage.SAMPLING, 32, 0, 0),
                new Progress(Progress.Stage.SAMPLING, 40, 0, 0),
                new Progress(Progress.Stage.SCORING, 40, 0, 4),
                new Progress(Progress.Stage.SCORING, 40, 4, 4),
                new Progress(Progress.Stage.DONE, 40, 4, 4));
        assertThat(withoutTimings(v)).isEqualTo(withoutTimings(vc.classify(VideoInput.of(new byte[]{1}))));
    }

    @Test
    void progressEndsWithDoneOnFailureAndAThrowingListenerChangesNothing() {
        FakeVideo video = new FakeVideo(10, BLUE, RED);
        VideoClassifier vc = VideoClassifier.builder().decoder(video).sampler(FakeVideo.readingSampler())
                .scorer(new ColourScorer()).build();
        Verdict v = vc.classify(VideoInput.of(new byte[]{1}), () -> false, p -> {
            throw new IllegalStateException("listener bug");
        });
        assertThat(v.isDone()).isTrue();
        assertThat(v.isExplicit()).isTrue();
        video.failOnOpen = new VideoException(ErrorCode.TOO_LARGE, "big");
        List<Progress.Stage> stages = new java.util.ArrayList<>();
        Verdict failed = vc.classify(VideoInput.of(new byte[]{1}), () -> false, p -> stages.add(p.stage()));
        assertThat(failed.error().code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(stages).containsExactly(Progress.Stage.PROBE, Progress.Stage.DONE);
    }

    @Test
    void cancelledBeforeScoringIsCancelledAndTheScorerIsNotCalled() {
        FakeVideo video = new FakeVideo(10, BLUE, RED);
        int[] scored = {0};
        ColourScorer colours = new ColourScorer();
        VideoClassifier vc = VideoClassifier.builder().decoder(video).sampler(FakeVideo.perSecondSampler())
                .scorer(new FrameScorerAdapter(colours) {
                    @Override
                    public float[][] score(List<Frame> prepared, dev.videoclass.rubric.Rubric rubric) throws VideoException {
                        scored[0]++;
                        return super.score(prepared, rubric);
                    }
                }).build();
        boolean[] flag = {false};
        Verdict v = vc.classify(VideoInput.of(new byte[]{1}), () -> flag[0], p -> {
            if (p.stage() == Progress.Stage.SCORING) {
                flag[0] = true;
            }
        });
        assertThat(v.error().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(scored[0]).isZero();
    }

    private static JsonNode withoutTimings(Verdict v) {
        try {
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) VerdictJson.reader().readTree(VerdictJson.toJson(v));
            json.remove("timings_ms");
            return json;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Delegating scorer for overriding one method in a test. */
    static class FrameScorerAdapter implements FrameScorer {
        private final FrameScorer d;

        FrameScorerAdapter(FrameScorer d) {
            this.d = d;
        }

        @Override
        public String id() {
            return d.id();
        }

        @Override
        public String executionProvider() {
            return d.executionProvider();
        }

        @Override
        public dev.videoclass.rubric.Rubric defaultRubric() {
            return d.defaultRubric();
        }

        @Override
        public Frame prepare(Frame frame) {
            return d.prepare(frame);
        }

        @Override
        public float[][] score(List<Frame> prepared, dev.videoclass.rubric.Rubric rubric) throws VideoException {
            return d.score(prepared, rubric);
        }
    }
}
