package dev.videoclass.rubric;

import java.util.List;
import java.util.Map;

/**
 * The verdict on one picture: what the photo path returns for a photo and the video path for each
 * keyframe.
 *
 * @param scores        0–1 score per rubric label id, in rubric order
 * @param explicitScore 0–1 strength of the explicit evidence (explicit mass against explicit + safe)
 * @param isExplicit    {@code explicitScore >= explicit_threshold}
 * @param qualityScore  0–1 (positive quality mass against positive + negative; 0.5 with no quality labels)
 * @param tags          ids of tag labels whose score reaches {@code tag_threshold}, in rubric order
 */
public record FrameVerdict(Map<String, Double> scores, double explicitScore, boolean isExplicit,
                           double qualityScore, List<String> tags) {
    public FrameVerdict {
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
        tags = List.copyOf(tags);
    }
}
