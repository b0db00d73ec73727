package dev.videoclass;

import dev.videoclass.spi.AggregateVerdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores and the decisions a rubric draws from them: for one picture (what the photo path returns
 * and what each keyframe gets) or aggregated over a video's keyframes. The one score type that
 * {@link KeyframeVerdict}, {@link AggregateVerdict}, {@link ImageVerdict} and {@link Verdict} are
 * composed of. Immutable.
 *
 * @param scores        0–1 score per rubric label id, in rubric order
 * @param explicitScore 0–1 strength of the explicit evidence (explicit mass against explicit + safe)
 * @param isExplicit    {@code explicitScore >= explicit_threshold}
 * @param qualityScore  0–1 (positive quality mass against positive + negative; 0.5 with no quality
 *                      labels); over a video, the mean of its keyframes'
 * @param tags          ids of tag labels whose score reaches {@code tag_threshold}, in rubric order
 */
public record Judgement(Map<String, Double> scores, double explicitScore, boolean isExplicit, double qualityScore,
                        List<String> tags) {
    public Judgement {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        tags = List.copyOf(tags);
    }
}
