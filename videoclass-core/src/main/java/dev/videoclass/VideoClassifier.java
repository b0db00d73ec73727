package dev.videoclass;

import dev.videoclass.spi.AggregateVerdict;
import dev.videoclass.spi.Aggregator;
import dev.videoclass.spi.DecodeMode;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.spi.FrameEmbedder;
import dev.videoclass.spi.FrameScorer;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.KeyframeSampler;
import dev.videoclass.spi.PacketInfo;
import dev.videoclass.spi.VideoDecoder;
import dev.videoclass.image.Images;
import dev.videoclass.rubric.Rubric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
public final class VideoClassifier implements Classifier {
    private static final Logger LOG = LoggerFactory.getLogger(VideoClassifier.class);

    private final VideoDecoder decoder;
    private final KeyframeSampler sampler;
    private final ClassifierSettings settings;
    private final DecodeOptions decodeOptions;
    private final ImageClassifier images;
    /** The scorer's embedder when built with embeddings, else null. */
    private final FrameEmbedder embedder;

    private VideoClassifier(Builder b, FrameScorer scorer) {
        this.decoder = Objects.requireNonNull(b.decoder, "a decoder is required (e.g. new FfmpegVideoDecoder())");
        this.sampler = Objects.requireNonNull(b.sampler, "a sampler is required");
        this.settings = b.settings();
        this.decodeOptions = settings.decodeOptions();
        this.embedder = b.embeddings ? FrameEmbedder.of(scorer) : null;
        this.images = new ImageClassifier(scorer, settings.rubric(), settings.limits());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The image path sharing this classifier's scorer, rubric and verdict mapping. */
    public ImageClassifier images() {
        return images;
    }

    /**
     * The scorer's embedder when this classifier was built with {@link Builder#embeddings(boolean)
     * embeddings}: to embed search queries and photos in the space of the verdicts' embeddings.
     */
    public Optional<FrameEmbedder> embedder() {
        return Optional.ofNullable(embedder);
    }

    /** The rubric applied. */
    public Rubric rubric() {
        return images.rubric();
    }

    /** The sampling policy applied. */
    public SamplingPolicy policy() {
        return settings.policy();
    }

    @Override
    public ClassifierSettings settings() {
        return settings;
    }

    /** Classifies a video file. Never throws for bad input. */
    public Verdict classify(Path file) {
        return classify(VideoInput.of(file));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Progress follows {@link ProgressListener}'s order and throttle. {@code cancelled} is polled by
     * the decoder while it decodes, before each keyframe capture, and before and after the scoring
     * batch (which itself cannot be interrupted). An exception from the listener is logged and
     * ignored.
     */
    @Override
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
            SamplingResult sampling = sampler.sample(source, settings.policy());
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
            List<KeyframeVerdict> keyframes = judge(sampling.keyframes(), prepared);
            long t3 = System.nanoTime();
            report.scored(keyframes.size());
            checkCancelled(cancelled);
            Aggregator aggregator = settings.aggregator();
            AggregateVerdict agg = aggregator.aggregate(keyframes, images.rubric());
            Verdict.Poster poster = poster(source, keyframes);
            long t4 = System.nanoTime();
            decodeNs += t4 - t3;
            return Verdict.done(agg.judgement(), agg.evidence()).poster(poster).durationS(sampling.durationS())
                    .sampler(sampling.sampler()).aggregator(aggregator.id()).keyframes(keyframes)
                    .scorer(images.scorerInfo()).embeddingModel(embedder == null ? null : embedder.modelId())
                    .rubric(images.rubricInfo()).video(info)
                    .timings(new Verdict.Timings(ImageClassifier.ms(probeNs), ImageClassifier.ms(decodeNs),
                            ImageClassifier.ms(t3 - t2), ImageClassifier.ms(t4 - t0)))
                    .build();
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
            return sampler.sample(source, settings.policy());
        }
    }

    @Override
    public Verdict.ScorerInfo scorerInfo() {
        return images.scorerInfo();
    }

    @Override
    public Verdict.RubricInfo rubricInfo() {
        return images.rubricInfo();
    }

    /**
     * One scoring batch over the prepared keyframes: their verdicts, with their scenes' embeddings
     * when this classifier was built with embeddings (from the same pass of the model).
     */
    private List<KeyframeVerdict> judge(List<Keyframe> sampled, List<Frame> prepared) throws VideoException {
        List<KeyframeVerdict> keyframes = new ArrayList<>(prepared.size());
        if (embedder == null) {
            List<Judgement> judgements = images.judgeAll(prepared);
            for (int i = 0; i < judgements.size(); i++) {
                keyframes.add(new KeyframeVerdict(prepared.get(i).ptsSeconds(), judgements.get(i)));
            }
            return keyframes;
        }
        ImageClassifier.Embedded judged = images.judgeAndEmbed(embedder, prepared);
        for (int i = 0; i < prepared.size(); i++) {
            Keyframe k = sampled.get(i);
            keyframes.add(new KeyframeVerdict(prepared.get(i).ptsSeconds(), judged.judgements().get(i),
                    new SceneEmbedding(k.sceneStartS(), k.sceneEndS(), judged.embeddings()[i])));
        }
        return keyframes;
    }

    /** The poster: the best-quality keyframe captured at the poster size, as JPEG; null when switched off. */
    private Verdict.Poster poster(FrameSource source, List<KeyframeVerdict> keyframes) throws VideoException {
        if (settings.posterMaxSide() == 0) {
            return null;
        }
        Frame poster = source.capture(bestQuality(keyframes).ptsS(), settings.posterMaxSide());
        return new Verdict.Poster(Images.encodeJpeg(poster, settings.posterQuality()), poster.width(), poster.height());
    }

    private Verdict failed(VideoException e, VideoInfo info, long t0, long probeNs, long decodeNs) {
        return Verdict.failed(e).scorer(images.scorerInfo()).rubric(images.rubricInfo()).video(info)
                .timings(new Verdict.Timings(ImageClassifier.ms(probeNs), ImageClassifier.ms(decodeNs), 0,
                        ImageClassifier.ms(System.nanoTime() - t0)))
                .build();
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
     * Configures a {@link VideoClassifier}: the decoder (required), the sampler and the scorer here,
     * everything else through the shared {@link ClassifierSettings.Builder} setters. Defaults: the
     * built-in sampler and heuristic scorer, and {@link ClassifierSettings#DEFAULTS}.
     */
    public static final class Builder extends ClassifierSettings.Builder<Builder> {
        private VideoDecoder decoder;
        private KeyframeSampler sampler = Defaults.sampler();
        private FrameScorer scorer;
        private boolean embeddings;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The decoder (required), e.g. {@code new FfmpegVideoDecoder()}. */
        public Builder decoder(VideoDecoder d) {
            this.decoder = d;
            return this;
        }

        /** The keyframe sampler; default the built-in scene sampler. */
        public Builder sampler(KeyframeSampler s) {
            this.sampler = s;
            return this;
        }

        /**
         * The scorer; default the built-in heuristic scorer. The classifier owns it: {@link
         * VideoClassifier#close()} closes it.
         */
        public Builder scorer(FrameScorer s) {
            this.scorer = s;
            return this;
        }

        /**
         * Whether verdicts carry each keyframe's image embedding and scene range
         * ({@link KeyframeVerdict#embedding()}, {@link Verdict#embeddingModel()}); default false. The
         * embeddings come from the same pass of the model as the scores. {@link #build()} throws
         * {@link UnsupportedOperationException} when the scorer has none ({@link FrameScorer#embedder()}).
         */
        public Builder embeddings(boolean on) {
            this.embeddings = on;
            return this;
        }

        public VideoClassifier build() {
            return new VideoClassifier(this, scorer == null ? Defaults.scorer() : scorer);
        }
    }
}
