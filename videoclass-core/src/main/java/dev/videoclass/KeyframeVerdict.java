package dev.videoclass;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The judgement of one keyframe with its presentation time, as listed in the video verdict.
 * Immutable.
 *
 * @param ptsS      presentation time in seconds
 * @param judgement the keyframe's scores and decisions
 */
public record KeyframeVerdict(double ptsS, Judgement judgement) {
    public KeyframeVerdict {
        Objects.requireNonNull(judgement, "judgement");
    }

    /** 0–1 score per rubric label id. */
    public Map<String, Double> scores() {
        return judgement.scores();
    }

    /** 0–1 explicit evidence of this keyframe. */
    public double explicitScore() {
        return judgement.explicitScore();
    }

    /** Whether this keyframe alone is explicit. */
    public boolean isExplicit() {
        return judgement.isExplicit();
    }

    /** 0–1 quality of this keyframe. */
    public double qualityScore() {
        return judgement.qualityScore();
    }

    /** Tag label ids this keyframe reaches. */
    public List<String> tags() {
        return judgement.tags();
    }
}
