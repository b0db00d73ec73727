package dev.videoclass.store;

import dev.videoclass.Verdict;
import dev.videoclass.Classifier;

import java.util.Objects;

/**
 * What a stored verdict answers for: the same bytes ({@link ContentHash}), judged by the same scorer
 * (its id, which names the model) with the same rubric (its content hash). A verdict is reused only
 * when all three match, so a new model or an edited rubric re-classifies everything.
 *
 * @param contentHash SHA-256 hex of the video's bytes
 * @param scorerId    {@link dev.videoclass.spi.FrameScorer#id()}
 * @param rubricHash  {@link dev.videoclass.rubric.Rubric#contentHash()}
 */
public record VerdictKey(String contentHash, String scorerId, String rubricHash) {
    public VerdictKey {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(scorerId, "scorerId");
        Objects.requireNonNull(rubricHash, "rubricHash");
    }

    /** The key {@code contentHash} has under {@code classifier}'s scorer and bound rubric. */
    public static VerdictKey of(String contentHash, Classifier classifier) {
        return new VerdictKey(contentHash, classifier.scorerInfo().id(), classifier.rubricInfo().hash());
    }

    /** The key of {@code verdict} for {@code contentHash}: its scorer id and rubric hash. */
    public static VerdictKey of(String contentHash, Verdict verdict) {
        return new VerdictKey(contentHash, verdict.scorer().id(), verdict.rubric().hash());
    }
}
