package dev.videoclass;

import dev.videoclass.aggregate.Aggregators;
import dev.videoclass.image.Images;
import dev.videoclass.rubric.FrameVerdict;
import dev.videoclass.rubric.Rubric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The facade: turns a video into one {@link Verdict}. Probe and limits, keyframe sampling, capture of
 * the keyframes upright at full quality, one batched scoring call, the rubric's frame verdicts,
 * aggregation, and a poster JPEG of the best-quality keyframe.
 *
 * <p>Build once and share: a classifier is immutable and thread safe (the decoder, sampler, scorer
 * and aggregator must be too; the built-in ones are), and concurrent {@link #classify} calls each
 * get their own frame source. {@link #classify} never throws for bad input: it returns a failed
 * verdict with a stable error code. {@link #close()} closes the scorer.
 *
 * <pre>{@code
 * try (VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build()) {
 *     Verdict v = vc.classify(VideoInput.of(Path.of("clip.mov")));
 * }
 * }</pre>
 */
public final class VideoClassifier implements AutoCloseable {
    private final VideoDecoder decoder;
    private final KeyframeSampler sampler;
    private final Aggregator aggregator;
    private final SamplingPolicy policy;
    private final DecodeOptions decodeOptions;
    private final ImageClassifier images;
    private final int posterMaxSide;
    private final float posterQuality;

    private VideoClassifier(Builder b) {
        this.decoder = Objects.requireNonNull(b.decoder, "a decoder is required (e.g. new FfmpegVideoDecoder())");
        this.sampler = Objects.requireNonNull(b.sampler, "a sampler is required");
        this.aggregator = b.aggregator;
        this.policy = b.policy;
        this.decodeOptions = new DecodeOptions(b.analysisWidth, b.limits, () -> false);
        this.images = new ImageClassifier(Objects.requireNonNull(b.scorer, "a scorer is required"), b.rubric, b.limits);
        this.posterMaxSide = b.posterMaxSide;
        this.posterQuality = b.posterQuality;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The image path sharing this classifier's scorer, rubric and verdict mapping. */
    public ImageClassifier images() {
        return images;
    }

    /** The rubric applied. */
    public Rubric rubric() {
        return images.rubric();
    }

    /** The sampling policy applied. */
    public SamplingPolicy policy() {
        return policy;
    }

    /** Classifies a video file. Never throws for bad input. */
    public Verdict classify(Path file) {
        return classify(VideoInput.of(file));
    }

    /** Classifies a video. Never throws for bad input: failures are verdicts with {@code status = "failed"}. */
    public Verdict classify(VideoInput input) {
        return classify(input, () -> false);
    }

    /**
     * Classifies a video, polling {@code cancelled} while decoding; a cancelled run returns a failed
     * verdict with {@link ErrorCode#CANCELLED}.
     */
    public Verdict classify(VideoInput input, BooleanSupplier cancelled) {
        Objects.requireNonNull(input, "input");
        long t0 = System.nanoTime();
        long probeNs = 0;
        long decodeNs = 0;
        VideoInfo info = null;
        try (FrameSource source = decoder.open(input, decodeOptions.withCancelled(cancelled))) {
            long t1 = System.nanoTime();
            probeNs = t1 - t0;
            info = source.info();
            SamplingResult sampling = sampler.sample(source, policy);
            if (sampling.keyframes().isEmpty()) {
                throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame of the video could be decoded");
            }
            List<Frame> prepared = new ArrayList<>(sampling.keyframes().size());
            for (Keyframe k : sampling.keyframes()) {
                checkCancelled(cancelled);
                Frame full = source.capture(k.ptsS(), 0);
                prepared.add(images.scorer().prepare(full));
            }
            long t2 = System.nanoTime();
            decodeNs = t2 - t1;
            List<FrameVerdict> frameVerdicts = images.judgeAll(prepared);
            long t3 = System.nanoTime();
            List<KeyframeVerdict> keyframes = new ArrayList<>(frameVerdicts.size());
            for (int i = 0; i < frameVerdicts.size(); i++) {
                keyframes.add(KeyframeVerdict.of(prepared.get(i).ptsSeconds(), frameVerdicts.get(i)));
            }
            AggregateVerdict agg = aggregator.aggregate(keyframes, images.rubric());
            Frame poster = posterMaxSide > 0 ? source.capture(bestQuality(keyframes).ptsS(), posterMaxSide) : null;
            byte[] jpeg = poster == null ? null : Images.encodeJpeg(poster, posterQuality);
            long t4 = System.nanoTime();
            decodeNs += t4 - t3;
            return new Verdict(Verdict.DONE, agg.isExplicit(), agg.explicitScore(), agg.qualityScore(), agg.sceneTags(),
                    agg.scores(), jpeg, poster == null ? null : poster.width(), poster == null ? null : poster.height(),
                    sampling.durationS(), sampling.sampler(), aggregator.id(), keyframes.size(), keyframes,
                    agg.evidence(), images.scorerInfo(), images.rubricInfo(), info,
                    new Verdict.Timings(ImageClassifier.ms(probeNs), ImageClassifier.ms(decodeNs),
                            ImageClassifier.ms(t3 - t2), ImageClassifier.ms(t4 - t0)),
                    null);
        } catch (VideoException e) {
            return failed(e, info, t0, probeNs, decodeNs);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            return failed(new VideoException(ErrorCode.INTERNAL, "unexpected " + e, e), info, t0, probeNs, decodeNs);
        }
    }

    /**
     * Scene detection only (the CLI's {@code scenes} command): cuts and keyframes, no scoring.
     *
     * @throws VideoException with a stable code for bad input
     */
    public SamplingResult scenes(VideoInput input) throws VideoException {
        try (FrameSource source = decoder.open(input, decodeOptions)) {
            return sampler.sample(source, policy);
        }
    }

    private Verdict failed(VideoException e, VideoInfo info, long t0, long probeNs, long decodeNs) {
        return Verdict.failed(e, images.scorerInfo(), images.rubricInfo(), info,
                new Verdict.Timings(ImageClassifier.ms(probeNs), ImageClassifier.ms(decodeNs), 0,
                        ImageClassifier.ms(System.nanoTime() - t0)));
    }

    private static void checkCancelled(BooleanSupplier cancelled) throws VideoException {
        if (cancelled.getAsBoolean()) {
            throw new VideoException(ErrorCode.CANCELLED, "the classification was cancelled");
        }
    }

    /** The keyframe with the highest quality score; the earliest one on ties. */
    private static KeyframeVerdict bestQuality(List<KeyframeVerdict> keyframes) {
        return keyframes.stream()
                .max(Comparator.comparingDouble(KeyframeVerdict::qualityScore)
                        .thenComparing(Comparator.comparingDouble(KeyframeVerdict::ptsS).reversed()))
                .orElseThrow();
    }

    /** Closes the scorer (and with it any model session). */
    @Override
    public void close() {
        images.scorer().close();
    }

    /**
     * Configures a {@link VideoClassifier}. Defaults: built-in sampler and heuristic scorer where
     * available on the class path, MAX aggregation, the scorer's rubric, {@link SamplingPolicy#DEFAULTS},
     * {@link Limits#DEFAULTS}, analysis frames 256 px wide, posters up to 1280 px at JPEG quality 0.85.
     */
    public static final class Builder {
        private VideoDecoder decoder;
        private KeyframeSampler sampler = Defaults.sampler();
        private FrameScorer scorer;
        private Aggregator aggregator = Aggregators.max();
        private Rubric rubric;
        private SamplingPolicy policy = SamplingPolicy.DEFAULTS;
        private Limits limits = Limits.DEFAULTS;
        private int analysisWidth = DecodeOptions.DEFAULT_ANALYSIS_WIDTH;
        private int posterMaxSide = 1280;
        private float posterQuality = 0.85f;

        private Builder() {
        }

        /** The decoder (required), e.g. {@code new FfmpegVideoDecoder()}. */
        public Builder decoder(VideoDecoder d) {
            this.decoder = d;
            return this;
        }

        public Builder sampler(KeyframeSampler s) {
            this.sampler = s;
            return this;
        }

        /** The scorer; default the built-in heuristic scorer. Closed by {@link VideoClassifier#close()}. */
        public Builder scorer(FrameScorer s) {
            this.scorer = s;
            return this;
        }

        public Builder aggregator(Aggregator a) {
            this.aggregator = Objects.requireNonNull(a);
            return this;
        }

        /** The rubric; default the scorer's {@link FrameScorer#defaultRubric()}. */
        public Builder rubric(Rubric r) {
            this.rubric = r;
            return this;
        }

        public Builder policy(SamplingPolicy p) {
            this.policy = Objects.requireNonNull(p);
            return this;
        }

        public Builder limits(Limits l) {
            this.limits = Objects.requireNonNull(l);
            return this;
        }

        /** Width in pixels of the frames scene detection looks at (default 256). */
        public Builder analysisWidth(int w) {
            this.analysisWidth = w;
            return this;
        }

        /** Long side of the poster in pixels (default 1280); 0 for no poster. */
        public Builder posterMaxSide(int px) {
            if (px < 0) {
                throw new IllegalArgumentException("posterMaxSide must be >= 0");
            }
            this.posterMaxSide = px;
            return this;
        }

        /** JPEG quality of the poster, 0–1 (default 0.85). */
        public Builder posterQuality(float q) {
            if (q <= 0 || q > 1) {
                throw new IllegalArgumentException("posterQuality must be in (0,1]");
            }
            this.posterQuality = q;
            return this;
        }

        public VideoClassifier build() {
            if (scorer == null) {
                scorer = Defaults.scorer();
            }
            return new VideoClassifier(this);
        }
    }
}
