package dev.videoclass.index;

import dev.videoclass.KeyframeVerdict;
import dev.videoclass.SceneEmbedding;

import java.util.List;
import java.util.Objects;

/**
 * One scene of an indexed video: its keyframe's time, the scene's range and embedding, and the
 * keyframe's verdict (explicit flag and tags), so that a search can show or filter them.
 *
 * @param ptsS      presentation time of the keyframe, seconds
 * @param embedding the scene's range and the keyframe's unit embedding
 * @param explicit  whether the keyframe alone is explicit
 * @param tags      the keyframe's tag label ids
 */
public record IndexedScene(double ptsS, SceneEmbedding embedding, boolean explicit, List<String> tags) {
    public IndexedScene {
        Objects.requireNonNull(embedding, "embedding");
        tags = List.copyOf(tags);
    }

    /**
     * The scene of a keyframe verdict that carries an embedding.
     *
     * @throws IllegalArgumentException when it has none (the classifier was not asked for embeddings)
     */
    public static IndexedScene of(KeyframeVerdict k) {
        if (k.embedding() == null) {
            throw new IllegalArgumentException("the keyframe at " + k.ptsS() + " s has no embedding: classify with embeddings");
        }
        return new IndexedScene(k.ptsS(), k.embedding(), k.isExplicit(), k.tags());
    }
}
