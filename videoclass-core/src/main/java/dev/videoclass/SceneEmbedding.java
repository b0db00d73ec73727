package dev.videoclass;

import java.util.Arrays;

/**
 * What the scorer's model sees in one scene: the scene's time range and the unit-length image
 * embedding of the keyframe that represents it. A {@link KeyframeVerdict} carries one when the
 * classifier was asked for embeddings ({@code VideoClassifier.Builder.embeddings(true)}); it is what
 * a scene index stores and searches. Immutable: the vector is copied in and out; equal by content.
 *
 * @param sceneStartS start of the scene, seconds
 * @param sceneEndS   end of the scene (start of the next, or the end of the video), seconds
 * @param vector      the keyframe's image embedding, L2-normalised
 */
public record SceneEmbedding(double sceneStartS, double sceneEndS, float[] vector) {
    public SceneEmbedding {
        if (vector.length == 0) {
            throw new IllegalArgumentException("an embedding has at least one dimension");
        }
        vector = vector.clone();
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }

    /** Number of dimensions. */
    public int dimensions() {
        return vector.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SceneEmbedding e && Double.compare(sceneStartS, e.sceneStartS) == 0
                && Double.compare(sceneEndS, e.sceneEndS) == 0 && Arrays.equals(vector, e.vector);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(sceneStartS) + Double.hashCode(sceneEndS)) + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "SceneEmbedding[" + sceneStartS + "-" + sceneEndS + " s, " + vector.length + " dimensions]";
    }
}
