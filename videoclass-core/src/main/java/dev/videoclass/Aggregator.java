package dev.videoclass;

import dev.videoclass.rubric.Rubric;

import java.util.List;

/**
 * Combines the keyframe verdicts of one video into the video's verdict. Implementations are
 * stateless and thread safe. Built-ins: {@link dev.videoclass.aggregate.Aggregators}.
 */
public interface Aggregator {

    /** Short name reported in logs, e.g. {@code "max"}. */
    String id();

    /** Aggregates a non-empty list of keyframe verdicts scored with {@code rubric}. */
    AggregateVerdict aggregate(List<KeyframeVerdict> keyframes, Rubric rubric);
}
