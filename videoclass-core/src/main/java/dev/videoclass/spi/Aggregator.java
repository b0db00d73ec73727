package dev.videoclass.spi;

import dev.videoclass.Judgement;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.rubric.Rubric;

import java.util.List;

/**
 * Combines the keyframe verdicts of one video into the video's verdict. Implementations are
 * stateless and thread safe. Built-ins: {@link dev.videoclass.aggregate.Aggregators} (MAX, mean,
 * top-k mean), which show the whole contract. An aggregator that calls a video explicit only when
 * two keyframes are, reusing MAX for everything else:
 *
 * <pre>{@code
 * Aggregator twoOrMore = new Aggregator() {
 *     public String id() { return "explicit-twice"; }
 *     public AggregateVerdict aggregate(List<KeyframeVerdict> keyframes, Rubric rubric) {
 *         AggregateVerdict max = Aggregators.max().aggregate(keyframes, rubric);
 *         long explicit = keyframes.stream().filter(KeyframeVerdict::isExplicit).count();
 *         Judgement j = max.judgement();
 *         return new AggregateVerdict(new Judgement(j.scores(), j.explicitScore(), explicit >= 2,
 *                 j.qualityScore(), j.tags()), max.evidence());
 *     }
 * };
 * VideoClassifier.builder().decoder(decoder).aggregator(twoOrMore).build();
 * }</pre>
 */
public interface Aggregator {

    /** Short name reported in logs, e.g. {@code "max"}. */
    String id();

    /** Aggregates a non-empty list of keyframe verdicts scored with {@code rubric}. */
    AggregateVerdict aggregate(List<KeyframeVerdict> keyframes, Rubric rubric);
}
