package dev.videoclass;

import dev.videoclass.spi.Aggregator;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.spi.FrameScorer;
import dev.videoclass.aggregate.Aggregators;
import dev.videoclass.rubric.Rubric;

import java.util.Objects;

/**
 * How a classifier samples, limits, judges and aggregates: everything except the decoder and the
 * scorer. One record shared by {@link VideoClassifier}, {@code IsolatedVideoClassifier} (which sends
 * it to its worker processes) and anything that configures either, so each setting is validated and
 * defaulted in exactly one place. Immutable; the {@code with...} methods return modified copies.
 *
 * @param policy        keyframe sampling ({@link SamplingPolicy#DEFAULTS})
 * @param limits        size, duration, pixel and time limits ({@link Limits#DEFAULTS})
 * @param rubric        the rubric, or null for the scorer's {@link FrameScorer#defaultRubric()}
 * @param aggregator    keyframe verdicts to a video verdict ({@link Aggregators#max()})
 * @param posterMaxSide long side of the poster in pixels, 0 for no poster ({@value #DEFAULT_POSTER_MAX_SIDE})
 * @param posterQuality JPEG quality of the poster, in (0, 1] ({@value #DEFAULT_POSTER_QUALITY})
 * @param analysisWidth width in pixels of the frames scene detection looks at, at least 16
 *                      ({@value DecodeOptions#DEFAULT_ANALYSIS_WIDTH})
 */
public record ClassifierSettings(SamplingPolicy policy, Limits limits, Rubric rubric, Aggregator aggregator,
                                 int posterMaxSide, float posterQuality, int analysisWidth) {
    /** Default long side of the poster, pixels. */
    public static final int DEFAULT_POSTER_MAX_SIDE = 1280;
    /** Default JPEG quality of the poster, 0–1. */
    public static final float DEFAULT_POSTER_QUALITY = 0.85f;
    /** Every default. */
    public static final ClassifierSettings DEFAULTS = new ClassifierSettings(SamplingPolicy.DEFAULTS, Limits.DEFAULTS,
            null, Aggregators.max(), DEFAULT_POSTER_MAX_SIDE, DEFAULT_POSTER_QUALITY,
            DecodeOptions.DEFAULT_ANALYSIS_WIDTH);

    public ClassifierSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(aggregator, "aggregator");
        if (posterMaxSide < 0) {
            throw new IllegalArgumentException("posterMaxSide must be >= 0");
        }
        if (!(posterQuality > 0 && posterQuality <= 1)) {
            throw new IllegalArgumentException("posterQuality must be in (0,1]");
        }
        if (analysisWidth < 16) {
            throw new IllegalArgumentException("analysisWidth must be at least 16");
        }
    }

    public ClassifierSettings withPolicy(SamplingPolicy p) {
        return new ClassifierSettings(p, limits, rubric, aggregator, posterMaxSide, posterQuality, analysisWidth);
    }

    public ClassifierSettings withLimits(Limits l) {
        return new ClassifierSettings(policy, l, rubric, aggregator, posterMaxSide, posterQuality, analysisWidth);
    }

    public ClassifierSettings withRubric(Rubric r) {
        return new ClassifierSettings(policy, limits, r, aggregator, posterMaxSide, posterQuality, analysisWidth);
    }

    public ClassifierSettings withAggregator(Aggregator a) {
        return new ClassifierSettings(policy, limits, rubric, a, posterMaxSide, posterQuality, analysisWidth);
    }

    public ClassifierSettings withPoster(int maxSide, float quality) {
        return new ClassifierSettings(policy, limits, rubric, aggregator, maxSide, quality, analysisWidth);
    }

    public ClassifierSettings withAnalysisWidth(int w) {
        return new ClassifierSettings(policy, limits, rubric, aggregator, posterMaxSide, posterQuality, w);
    }

    /** How a decoder opens videos under these settings (no cancellation). */
    public DecodeOptions decodeOptions() {
        return new DecodeOptions(analysisWidth, limits, () -> false);
    }

    /**
     * The settings half of a classifier builder, shared by the builders of {@link VideoClassifier}
     * and {@code IsolatedVideoClassifier} so that both offer the same setters with the same
     * validation. Each setter validates at once ({@link IllegalArgumentException}).
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        private ClassifierSettings settings = DEFAULTS;

        protected Builder() {
        }

        /** The concrete builder ({@code return this}). */
        protected abstract B self();

        /** The settings configured so far. */
        public ClassifierSettings settings() {
            return settings;
        }

        /** Replaces every setting at once. */
        public B settings(ClassifierSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return self();
        }

        public B policy(SamplingPolicy p) {
            settings = settings.withPolicy(p);
            return self();
        }

        public B limits(Limits l) {
            settings = settings.withLimits(l);
            return self();
        }

        /** The rubric; default (null) the scorer's {@link FrameScorer#defaultRubric()}. */
        public B rubric(Rubric r) {
            settings = settings.withRubric(r);
            return self();
        }

        public B aggregator(Aggregator a) {
            settings = settings.withAggregator(a);
            return self();
        }

        /** Long side of the poster in pixels (default {@value ClassifierSettings#DEFAULT_POSTER_MAX_SIDE}); 0 for no poster. */
        public B posterMaxSide(int px) {
            settings = settings.withPoster(px, settings.posterQuality());
            return self();
        }

        /** JPEG quality of the poster, 0–1 (default {@value ClassifierSettings#DEFAULT_POSTER_QUALITY}). */
        public B posterQuality(float q) {
            settings = settings.withPoster(settings.posterMaxSide(), q);
            return self();
        }

        /** Width in pixels of the frames scene detection looks at (default {@value DecodeOptions#DEFAULT_ANALYSIS_WIDTH}). */
        public B analysisWidth(int w) {
            settings = settings.withAnalysisWidth(w);
            return self();
        }
    }
}
