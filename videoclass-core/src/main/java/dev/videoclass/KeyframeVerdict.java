package dev.videoclass;

import dev.videoclass.rubric.FrameVerdict;

import java.util.List;
import java.util.Map;

/**
 * The frame verdict of one keyframe with its presentation time, as listed in the video verdict.
 *
 * @param ptsS          presentation time in seconds
 * @param scores        0–1 score per rubric label id
 * @param explicitScore 0–1 explicit evidence
 * @param isExplicit    whether this keyframe alone is explicit
 * @param qualityScore  0–1
 * @param tags          tag label ids reached by this keyframe
 */
public record KeyframeVerdict(double ptsS, Map<String, Double> scores, double explicitScore, boolean isExplicit,
                              double qualityScore, List<String> tags) {
    public KeyframeVerdict {
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
        tags = List.copyOf(tags);
    }

    public static KeyframeVerdict of(double ptsS, FrameVerdict v) {
        return new KeyframeVerdict(ptsS, v.scores(), v.explicitScore(), v.isExplicit(), v.qualityScore(), v.tags());
    }
}
