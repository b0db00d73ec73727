package dev.videoclass.spi;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import dev.videoclass.rubric.Rubric;

import java.util.List;
import java.util.Optional;

/**
 * Scores frames against a rubric. The same scorer instance serves the image path and the video path
 * (that sharing is what parity means) and concurrent classifications: implementations are thread
 * safe. {@link #close()} releases models and native sessions.
 *
 * <p>Plug in the scorer your photo path already uses: {@link #prepare} shrinks a frame to the
 * model's input, {@link #score} returns one raw score per rubric label, and the rubric's mode
 * normalises them. A minimal implementation that scores "how red" a picture is:
 *
 * <pre>{@code
 * final class RednessScorer implements FrameScorer {
 *     public String id() { return "redness-v1"; }
 *     public String executionProvider() { return "java"; }
 *     public Rubric defaultRubric() {
 *         return Rubric.of("redness", ScoreMode.DIRECT, List.of(
 *                 new RubricLabel("explicit", "red", LabelRole.EXPLICIT)), 0.5, 0.3);
 *     }
 *     public Frame prepare(Frame f) { return FrameOps.resize(f, 64, 64, ResampleFilter.BILINEAR); }
 *     public float[][] score(List<Frame> frames, Rubric rubric) {
 *         float[][] out = new float[frames.size()][rubric.labels().size()];
 *         for (int i = 0; i < out.length; i++) {
 *             out[i][0] = meanRedShare(frames.get(i).rgb());                // 0-1, DIRECT mode
 *         }
 *         return out;
 *     }
 * }
 * }</pre>
 *
 * The ONNX scorer ({@code videoclass-onnx}) and the built-in heuristic scorer are the full examples.
 */
public interface FrameScorer extends AutoCloseable {

    /** Stable identifier of the scorer and its model (e.g. including a model content hash). */
    String id();

    /** Where inference runs: {@code "java"}, {@code "cpu"}, {@code "cuda"}. */
    String executionProvider();

    /** The rubric used when the caller gives none. */
    Rubric defaultRubric();

    /**
     * Binds a rubric to this scorer's model before any scoring: checks that the model can score
     * every label (text tower or precomputed embeddings, known classes) and fills what the rubric
     * leaves to the model (learned logit scale and bias, {@link Rubric#withModelLogits}). The
     * returned rubric is the one verdicts name and the photo path must normalise with. Default: the
     * rubric unchanged.
     *
     * @throws IllegalArgumentException when the rubric does not fit the model (a configuration error)
     */
    default Rubric bind(Rubric rubric) {
        return rubric;
    }

    /**
     * Reduces an upright full-resolution frame to what {@link #score} needs (typically resized to
     * the model's input size) so that only small frames are held for the batch. Called once per
     * keyframe and once per still image, identically on both paths. Must not modify its argument.
     */
    Frame prepare(Frame frame);

    /**
     * Scores prepared frames in one batch. Returns one row per frame and one raw score per rubric
     * label, in rubric label order; the rubric's mode turns raw scores into 0–1 scores
     * ({@link dev.videoclass.rubric.Rubric#normalise(float[])}).
     *
     * @throws VideoException with {@link ErrorCode#SCORER_FAILED} when the model cannot score them
     */
    float[][] score(List<Frame> prepared, Rubric rubric) throws VideoException;

    /**
     * The image and text embeddings behind the scores, for a scorer whose model has them (a zero-shot
     * model: the ONNX scorer on SigLIP or CLIP). Default: none, as for the built-in scorer and
     * classifier models; {@link FrameEmbedder#of} turns that into a clear error.
     */
    default Optional<FrameEmbedder> embedder() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
