package dev.videoclass;

import dev.videoclass.spi.Aggregator;
import dev.videoclass.spi.FrameEmbedder;
import dev.videoclass.json.VerdictJson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The verdict on one video. A {@link VerdictStatus#DONE done} verdict carries the video's
 * {@link #judgement()} (scores, {@code is_explicit}, quality, scene tags), the keyframes that were
 * scored, the {@link #evidence()} and usually a poster; a {@link VerdictStatus#FAILED failed} one
 * carries an {@link #error()} and no decision (its decision accessors return null, never false):
 * consumers check {@link #status()} or {@link #isDone()} first.
 *
 * <p>Immutable and thread safe. Built with {@link #done(Judgement, Evidence)} or
 * {@link #failed(ErrorCode, String)}; {@link dev.videoclass.json.VerdictJson} writes and reads its
 * stable snake_case JSON form.
 */
public final class Verdict {
    private final VerdictStatus status;
    private final Judgement judgement;
    private final Evidence evidence;
    private final Poster poster;
    private final Double durationS;
    private final String sampler;
    private final String aggregator;
    private final List<KeyframeVerdict> keyframes;
    private final ScorerInfo scorer;
    private final String embeddingModel;
    private final RubricInfo rubric;
    private final VideoInfo video;
    private final Timings timings;
    private final ErrorInfo error;

    private Verdict(Builder b) {
        this.status = b.status;
        this.judgement = b.judgement;
        this.evidence = b.evidence;
        this.poster = b.poster;
        this.durationS = b.durationS;
        this.sampler = b.sampler;
        this.aggregator = b.aggregator;
        this.keyframes = b.keyframes == null ? null : List.copyOf(b.keyframes);
        this.scorer = b.scorer;
        this.embeddingModel = b.embeddingModel;
        this.rubric = b.rubric;
        this.video = b.video;
        this.timings = b.timings;
        this.error = b.error;
    }

    /** Starts a done verdict with the video's aggregated judgement and its evidence. */
    public static Builder done(Judgement judgement, Evidence evidence) {
        Builder b = new Builder(VerdictStatus.DONE);
        b.judgement = Objects.requireNonNull(judgement, "judgement");
        b.evidence = Objects.requireNonNull(evidence, "evidence");
        return b;
    }

    /** Starts a failed verdict with a stable code and a one-line message a person can act on. */
    public static Builder failed(ErrorCode code, String message) {
        Builder b = new Builder(VerdictStatus.FAILED);
        b.error = new ErrorInfo(code, message);
        return b;
    }

    /** Starts a failed verdict for {@code e}: its code and message. */
    public static Builder failed(VideoException e) {
        return failed(e.code(), e.getMessage());
    }

    /** A builder holding everything this verdict holds, to derive another one. */
    public Builder toBuilder() {
        Builder b = new Builder(status);
        b.judgement = judgement;
        b.evidence = evidence;
        b.poster = poster;
        b.durationS = durationS;
        b.sampler = sampler;
        b.aggregator = aggregator;
        b.keyframes = keyframes;
        b.scorer = scorer;
        b.embeddingModel = embeddingModel;
        b.rubric = rubric;
        b.video = video;
        b.timings = timings;
        b.error = error;
        return b;
    }

    /** Done or failed. */
    public VerdictStatus status() {
        return status;
    }

    /** True when the video was classified. */
    public boolean isDone() {
        return status == VerdictStatus.DONE;
    }

    /** The video's aggregated scores and decisions; null when failed. */
    public Judgement judgement() {
        return judgement;
    }

    /** Whether the video is explicit; null when failed. */
    public Boolean isExplicit() {
        return judgement == null ? null : judgement.isExplicit();
    }

    /** Aggregated 0–1 explicit evidence; null when failed. */
    public Double explicitScore() {
        return judgement == null ? null : judgement.explicitScore();
    }

    /** 0–1 quality: the mean of the keyframes' quality scores; null when failed. */
    public Double qualityScore() {
        return judgement == null ? null : judgement.qualityScore();
    }

    /** Tag label ids of the video, in rubric order; null when failed. */
    public List<String> sceneTags() {
        return judgement == null ? null : judgement.tags();
    }

    /** Aggregated 0–1 score per label (the aggregator's reduction, MAX by default); null when failed. */
    public Map<String, Double> scores() {
        return judgement == null ? null : judgement.scores();
    }

    /** The keyframe timestamps behind {@code is_explicit} and each tag; null when failed. */
    public Evidence evidence() {
        return evidence;
    }

    /** The poster, or null without one (failed, or posters switched off). */
    public Poster poster() {
        return poster;
    }

    /** The poster's JPEG bytes (a copy), or null. */
    public byte[] posterJpeg() {
        return poster == null ? null : poster.jpeg();
    }

    /** Poster width in pixels, or null. */
    public Integer posterWidth() {
        return poster == null ? null : poster.width();
    }

    /** Poster height in pixels, or null. */
    public Integer posterHeight() {
        return poster == null ? null : poster.height();
    }

    /** Video duration in seconds, or null when not known (a failure before the probe). */
    public Double durationS() {
        return durationS;
    }

    /** How keyframes were found, e.g. {@code "auto:keyframes"}; null when failed. */
    public String sampler() {
        return sampler;
    }

    /** Aggregator id, e.g. {@code "max"}; null when failed. */
    public String aggregator() {
        return aggregator;
    }

    /** Number of frames scored (the keyframes); null when failed. */
    public Integer inferences() {
        return keyframes == null ? null : keyframes.size();
    }

    /** Per-keyframe verdicts in time order; null when failed. */
    public List<KeyframeVerdict> keyframes() {
        return keyframes;
    }

    /** Scorer id and execution provider. */
    public ScorerInfo scorer() {
        return scorer;
    }

    /**
     * The model whose embeddings the keyframes carry ({@link KeyframeVerdict#embedding()}), or null
     * when the classifier was not asked for embeddings.
     */
    public String embeddingModel() {
        return embeddingModel;
    }

    /** Rubric id and content hash. */
    public RubricInfo rubric() {
        return rubric;
    }

    /** Probe facts, or null when the probe did not get that far. */
    public VideoInfo video() {
        return video;
    }

    /** Milliseconds per stage. */
    public Timings timingsMs() {
        return timings;
    }

    /** Code and message when failed; null when done. */
    public ErrorInfo error() {
        return error;
    }

    /** Value equality over every field (the poster by its bytes). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Verdict v && status == v.status && Objects.equals(judgement, v.judgement)
                && Objects.equals(evidence, v.evidence) && Objects.equals(poster, v.poster)
                && Objects.equals(durationS, v.durationS) && Objects.equals(sampler, v.sampler)
                && Objects.equals(aggregator, v.aggregator) && Objects.equals(keyframes, v.keyframes)
                && Objects.equals(scorer, v.scorer) && Objects.equals(embeddingModel, v.embeddingModel)
                && Objects.equals(rubric, v.rubric)
                && Objects.equals(video, v.video) && Objects.equals(timings, v.timings) && Objects.equals(error, v.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, judgement, evidence, poster, durationS, sampler, aggregator, keyframes, scorer,
                embeddingModel, rubric, video, timings, error);
    }

    @Override
    public String toString() {
        return isDone()
                ? "Verdict[done, explicit=" + judgement.isExplicit() + ", quality=" + judgement.qualityScore()
                + ", tags=" + judgement.tags() + ", keyframes=" + inferences() + ", sampler=" + sampler + "]"
                : "Verdict[failed, " + error.code().code() + ": " + error.message() + "]";
    }

    /** A poster: JPEG bytes and their size in pixels. The array is copied in and out; equal by content. */
    public record Poster(byte[] jpeg, int width, int height) {
        public Poster {
            jpeg = jpeg.clone();
        }

        @Override
        public byte[] jpeg() {
            return jpeg.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Poster p && width == p.width && height == p.height && Arrays.equals(jpeg, p.jpeg);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(jpeg) + width) + height;
        }

        @Override
        public String toString() {
            return "Poster[" + width + "x" + height + ", " + jpeg.length + " bytes]";
        }
    }

    /** Identifies the scorer that produced the scores. */
    public record ScorerInfo(String id, String provider) {
    }

    /** Identifies the rubric: its id and {@link dev.videoclass.rubric.Rubric#contentHash()}. */
    public record RubricInfo(String id, String hash) {
    }

    /** Wall-clock milliseconds: probe (open and checks), decode (sampling and capture), score, total. */
    public record Timings(long probe, long decode, long score, long total) {
        /** All zero: for work that ended before it started. */
        public static final Timings ZERO = new Timings(0, 0, 0, 0);
    }

    /** Why a verdict failed: a stable {@link ErrorCode} and a one-line message. */
    public record ErrorInfo(ErrorCode code, String message) {
        public ErrorInfo {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * Assembles a {@link Verdict}. Every setter takes null for "absent". Not thread safe; one
     * builder makes one verdict.
     */
    public static final class Builder {
        private final VerdictStatus status;
        private Judgement judgement;
        private Evidence evidence;
        private Poster poster;
        private Double durationS;
        private String sampler;
        private String aggregator;
        private List<KeyframeVerdict> keyframes;
        private ScorerInfo scorer;
        private String embeddingModel;
        private RubricInfo rubric;
        private VideoInfo video;
        private Timings timings;
        private ErrorInfo error;

        private Builder(VerdictStatus status) {
            this.status = status;
        }

        public Builder poster(Poster p) {
            this.poster = p;
            return this;
        }

        /** Duration in seconds. A failed verdict without one takes the probe's, if any. */
        public Builder durationS(Double seconds) {
            this.durationS = seconds;
            return this;
        }

        public Builder sampler(String s) {
            this.sampler = s;
            return this;
        }

        public Builder aggregator(String id) {
            this.aggregator = id;
            return this;
        }

        public Builder keyframes(List<KeyframeVerdict> k) {
            this.keyframes = k;
            return this;
        }

        public Builder scorer(ScorerInfo s) {
            this.scorer = s;
            return this;
        }

        /** The model of the keyframes' embeddings ({@link FrameEmbedder#modelId()}), or null for none. */
        public Builder embeddingModel(String model) {
            this.embeddingModel = model;
            return this;
        }

        public Builder rubric(RubricInfo r) {
            this.rubric = r;
            return this;
        }

        public Builder video(VideoInfo v) {
            this.video = v;
            return this;
        }

        public Builder timings(Timings t) {
            this.timings = t;
            return this;
        }

        /**
         * @throws IllegalStateException when a done verdict lacks its keyframes (the keyframes are
         *                               what was scored), or names an embedding model without an
         *                               embedding on every keyframe (or the other way round)
         */
        public Verdict build() {
            if (status == VerdictStatus.DONE && keyframes == null) {
                throw new IllegalStateException("a done verdict lists the keyframes it scored");
            }
            if (keyframes != null && keyframes.stream().anyMatch(k -> (k.embedding() == null) == (embeddingModel != null))) {
                throw new IllegalStateException("an embedding model goes with an embedding on every keyframe");
            }
            if (status == VerdictStatus.FAILED && durationS == null && video != null) {
                durationS = video.durationS();
            }
            return new Verdict(this);
        }
    }
}
