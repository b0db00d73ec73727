package dev.videoclass;

import dev.videoclass.aggregate.Aggregators;
import dev.videoclass.image.Images;
import dev.videoclass.rubric.FrameVerdict;
import dev.videoclass.rubric.Rubric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>{@link #classify(VideoInput)} is the synchronous call. For a service, {@link dev.videoclass.jobs.VideoJobs}
 * runs classifications as asynchronous jobs on a bounded worker pool, with cancellation, per-job
 * timeouts and progress ({@link #classify(VideoInput, BooleanSupplier, ProgressListener)}).
 *
 * <pre>{@code
 * try (VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build()) {
 *     Verdict v = vc.classify(VideoInput.of(Path.of("clip.mov")));
 * }
 * }</pre>
 */
public final class VideoClassifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoClassifier.class);

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
        return classify(input, cancelled, ProgressListener.NONE);
    }

    /**
     * Classifies a video like {@link #classify(VideoInput, BooleanSupplier)} and reports how far it
     * has come to {@code progress} on the calling thread (see {@link ProgressListener} for the order
     * and the throttle). {@code cancelled} is polled by the decoder while it decodes, before each
     * keyframe capture, and before and after the scoring batch (which itself cannot be interrupted).
     * Never throws for bad input; an exception from the listener is logged and ignored.
     *
     * @param cancelled polled from this thread; must be cheap and thread safe
     * @param progress  the listener, or {@link ProgressListener#NONE}
     */
    public Verdict classify(VideoInput input, BooleanSupplier cancelled, ProgressListener progress) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(cancelled, "cancelled");
        Reporter report = new Reporter(Objects.requireNonNull(progress, "progress"));
        long t0 = System.nanoTime();
        long probeNs = 0;
        long decodeNs = 0;
        VideoInfo info = null;
        report.stage(Progress.Stage.PROBE);
        try (FrameSource opened = decoder.open(input, decodeOptions.withCancelled(cancelled))) {
            FrameSource source = report.active() ? new CountingSource(opened, report) : opened;
            long t1 = System.nanoTime();
            probeNs = t1 - t0;
            info = source.info();
            report.stage(Progress.Stage.SAMPLING);
            SamplingResult sampling = sampler.sample(source, policy);
            report.sampled(sampling.keyframes().size());
            if (sampling.keyframes().isEmpty()) {
                throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame of the video could be decoded");
            }
            List<Frame> prepared = new ArrayList<>(sampling.keyframes().size());
            for (Keyframe k : sampling.keyframes()) {
                checkCancelled(cancelled);
                Frame full = source.capture(k.ptsS(), 0);
                prepared.add(images.scorer().prepare(full));
            }
            checkCancelled(cancelled);
            long t2 = System.nanoTime();
            decodeNs = t2 - t1;
            List<FrameVerdict> frameVerdicts = images.judgeAll(prepared);
            long t3 = System.nanoTime();
            report.scored(frameVerdicts.size());
            checkCancelled(cancelled);
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
        } finally {
            report.stage(Progress.Stage.DONE);
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

    /**
     * A failed verdict exactly as {@link #classify} returns one for {@code code} (this classifier's
     * scorer and rubric, no video facts, zero timings): for callers that end work before it reaches
     * {@code classify}, e.g. a job cancelled while still queued.
     */
    public Verdict failure(ErrorCode code, String message) {
        return Verdict.failed(new VideoException(code, message), images.scorerInfo(), images.rubricInfo(), null,
                new Verdict.Timings(0, 0, 0, 0));
    }

    /** The limits applied, among them the wall-clock {@link Limits#decodeTimeout()}. */
    public Limits limits() {
        return decodeOptions.limits();
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

    /**
     * Counts and throttles progress for one run; a no-op for {@link ProgressListener#NONE}. A listener
     * that throws is logged (once per run) and otherwise ignored.
     */
    private static final class Reporter {
        private final ProgressListener listener;
        private final boolean active;
        private Progress current = new Progress(Progress.Stage.PROBE, 0, 0, 0);
        private long frames;
        private boolean warned;

        Reporter(ProgressListener listener) {
            this.listener = listener;
            this.active = listener != ProgressListener.NONE;
        }

        boolean active() {
            return active;
        }

        void stage(Progress.Stage s) {
            emit(current.withStage(s));
        }

        void frameDecoded() {
            frames++;
            if (frames % Progress.FRAMES_STEP == 0) {
                emit(new Progress(Progress.Stage.SAMPLING, frames, 0, 0));
            }
        }

        void sampled(int keyframes) {
            if (current.framesDecoded() != frames) {
                emit(new Progress(Progress.Stage.SAMPLING, frames, 0, 0));
            }
            if (keyframes > 0) {
                emit(new Progress(Progress.Stage.SCORING, frames, 0, keyframes));
            }
        }

        void scored(int keyframes) {
            emit(new Progress(Progress.Stage.SCORING, frames, keyframes, keyframes));
        }

        private void emit(Progress p) {
            if (!active) {
                return;
            }
            current = p;
            try {
                listener.onProgress(p);
            } catch (RuntimeException e) {
                if (!warned) {
                    warned = true;
                    LOG.warn("progress listener {} failed; its reports are ignored", listener, e);
                }
            }
        }
    }

    /** Counts the analysis frames the sampler reads, for progress reports; everything else is delegated. */
    private static final class CountingSource implements FrameSource {
        private final FrameSource source;
        private final Reporter report;

        CountingSource(FrameSource source, Reporter report) {
            this.source = source;
            this.report = report;
        }

        @Override
        public VideoInfo info() {
            return source.info();
        }

        @Override
        public Frame next() throws VideoException {
            Frame f = source.next();
            if (f != null) {
                report.frameDecoded();
            }
            return f;
        }

        @Override
        public void seek(double ptsSeconds, DecodeMode mode) throws VideoException {
            source.seek(ptsSeconds, mode);
        }

        @Override
        public Frame capture(double ptsSeconds, int maxSide) throws VideoException {
            return source.capture(ptsSeconds, maxSide);
        }

        @Override
        public long framesDecoded() {
            return source.framesDecoded();
        }

        @Override
        public List<PacketInfo> packetsRead() {
            return source.packetsRead();
        }

        @Override
        public void close() {
            source.close();
        }
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
