package dev.videoclass.spi;

import dev.videoclass.Evidence;
import dev.videoclass.Judgement;
import java.util.Objects;

/**
 * What an {@link Aggregator} makes of a video's keyframe verdicts. Immutable.
 *
 * @param judgement the video's aggregated scores and decisions ({@link Judgement#tags()} are its
 *                  scene tags)
 * @param evidence  the keyframe timestamps behind {@code isExplicit} and each tag
 */
public record AggregateVerdict(Judgement judgement, Evidence evidence) {
    public AggregateVerdict {
        Objects.requireNonNull(judgement, "judgement");
        Objects.requireNonNull(evidence, "evidence");
    }
}
