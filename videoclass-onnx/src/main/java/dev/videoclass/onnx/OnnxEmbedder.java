package dev.videoclass.onnx;

import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.spi.FrameEmbedder;

import java.util.List;

/**
 * The {@link FrameEmbedder} of a zero-shot {@link OnnxScorer}: its image model's output (the
 * {@code image_embeds} the cosines are taken of) and its text tower's, L2-normalised. Scores and
 * embeddings come from one run of the image model. Thread safe; lives and closes with its scorer.
 */
final class OnnxEmbedder implements FrameEmbedder {
    private final OnnxScorer scorer;

    OnnxEmbedder(OnnxScorer scorer) {
        this.scorer = scorer;
    }

    @Override
    public String modelId() {
        return scorer.id();
    }

    @Override
    public float[][] embedImages(List<Frame> prepared) throws VideoException {
        return scorer.pass(prepared, null, true).embeddings();
    }

    @Override
    public ScoredBatch scoreAndEmbed(List<Frame> prepared, Rubric rubric) throws VideoException {
        return scorer.pass(prepared, scorer.boundFor(rubric), true);
    }

    @Override
    public float[] embedText(String text) throws VideoException {
        return scorer.embedText(text);
    }
}
