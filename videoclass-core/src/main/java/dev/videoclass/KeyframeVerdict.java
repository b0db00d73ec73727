package dev.videoclass;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The judgement of one keyframe with its presentation time, as listed in the video verdict, and its
 * scene's embedding when the classifier was asked for embeddings. Immutable.
 *
 * @param ptsS      presentation time in seconds
 * @param judgement the keyframe's scores and decisions
 * @param embedding the scene's range and the keyframe's image embedding, or null (the default:
 *                  embeddings not asked for)
 */
public record KeyframeVerdict(double ptsS, Judgement judgement, SceneEmbedding embedding) {
    public KeyframeVerdict {
        Objects.requireNonNull(judgement, "judgement");
    }

    /** A keyframe verdict without an embedding. */
    public KeyframeVerdict(double ptsS, Judgement judgement) {
        this(ptsS, judgement, null);
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
