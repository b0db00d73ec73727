package dev.videoclass;

import java.util.List;
import java.util.Map;

/**
 * What an {@link Aggregator} makes of a video's keyframe verdicts.
 *
 * @param scores        aggregated 0–1 score per rubric label id
 * @param explicitScore aggregated 0–1 explicit evidence
 * @param isExplicit    whether the video is explicit
 * @param qualityScore  0–1 quality of the video
 * @param sceneTags     tag label ids of the video, in rubric order
 * @param evidence      the keyframe timestamps behind {@code isExplicit} and each tag
 */
public record AggregateVerdict(Map<String, Double> scores, double explicitScore, boolean isExplicit,
                               double qualityScore, List<String> sceneTags, Evidence evidence) {
    public AggregateVerdict {
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
        sceneTags = List.copyOf(sceneTags);
    }
}
