package dev.videoclass.spi;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import dev.videoclass.rubric.Rubric;

import java.util.List;

/**
 * The embeddings a scorer computes on its way to its scores, for scorers that have them: a zero-shot
 * model (SigLIP, CLIP) maps pictures and text into one space, and its cosine similarities are the raw
 * scores. Obtained from {@link FrameScorer#embedder()}; the built-in heuristic scorer and classifier
 * models have none. Every vector is L2-normalised (unit length), so the dot product of two is their
 * cosine similarity (−1..1); vectors of different {@link #modelId() models} are not comparable.
 * Thread safe like the scorer, and closed with it.
 *
 * <pre>{@code
 * FrameEmbedder e = FrameEmbedder.of(scorer);        // UnsupportedOperationException when it has none
 * float[] query = e.embedText("the part where they cut the cake");
 * float[] photo = e.embedImages(List.of(scorer.prepare(uprightFrame)))[0];
 * double cosine = FrameEmbedder.dot(query, photo);
 * }</pre>
 *
 * A scorer that implements it returns raw scores and embeddings from one pass of its image model
 * ({@link #scoreAndEmbed}), so that a classifier asked for embeddings does not run the model twice.
 */
public interface FrameEmbedder {

    /** The embedding space: the scorer's {@link FrameScorer#id()}. Vectors compare only within one. */
    String modelId();

    /**
     * Unit image embeddings of frames that the scorer {@link FrameScorer#prepare prepared}, in one
     * batch: one row per frame.
     *
     * @throws VideoException with {@link ErrorCode#SCORER_FAILED} when the model cannot embed them
     */
    float[][] embedImages(List<Frame> prepared) throws VideoException;

    /**
     * What {@link FrameScorer#score} returns for {@code rubric} and what {@link #embedImages} returns,
     * from one pass of the image model.
     *
     * @throws VideoException with {@link ErrorCode#SCORER_FAILED} when the model cannot score them
     */
    ScoredBatch scoreAndEmbed(List<Frame> prepared, Rubric rubric) throws VideoException;

    /**
     * The unit embedding of a text (a search query), in the same space as the images'.
     *
     * @throws VideoException with {@link ErrorCode#SCORER_FAILED} when the model has no text tower or
     *                        it fails
     */
    float[] embedText(String text) throws VideoException;

    /**
     * The scorer's embedder.
     *
     * @throws UnsupportedOperationException naming the scorer when it has none
     */
    static FrameEmbedder of(FrameScorer scorer) {
        return scorer.embedder().orElseThrow(() -> new UnsupportedOperationException("scorer " + scorer.id()
                + " computes no embeddings (the built-in scorer and classifier models have none): embeddings need a"
                + " zero-shot model such as SigLIP or CLIP on the ONNX scorer"));
    }

    /** The dot product of two vectors of equal length: their cosine similarity when both are unit vectors. */
    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /** {@code v} scaled to unit length (a new array); all zeros stay zeros. */
    static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        for (int i = 0; norm > 0 && i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /**
     * Raw scores and embeddings of one batch.
     *
     * @param scores     one row per frame, one raw score per rubric label ({@link FrameScorer#score})
     * @param embeddings one unit embedding per frame
     */
    record ScoredBatch(float[][] scores, float[][] embeddings) {
    }
}
