package dev.videoclass;

import dev.videoclass.rubric.Rubric;
import dev.videoclass.spi.FrameEmbedder;
import dev.videoclass.spi.FrameScorer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double: {@link ColourScorer}'s scores, and as embedding the unit vector of a frame's mean red,
 * green and blue (0–1) plus a constant 0.1; a text embeds as the sum of the colour words it names.
 * Counts the passes over pictures, to show that scores and embeddings come from one. Public for the
 * tests of other packages.
 */
public final class EmbeddingColourScorer implements FrameScorer, FrameEmbedder {
    private final ColourScorer colours = new ColourScorer();
    /** Calls of {@link #score}, {@link #embedImages} and {@link #scoreAndEmbed}. */
    public final AtomicInteger scoreCalls = new AtomicInteger();
    public final AtomicInteger embedCalls = new AtomicInteger();
    public final AtomicInteger scoreAndEmbedCalls = new AtomicInteger();

    @Override
    public String id() {
        return "colour-embedding-test";
    }

    @Override
    public String modelId() {
        return id();
    }

    @Override
    public String executionProvider() {
        return "java";
    }

    @Override
    public Rubric defaultRubric() {
        return colours.defaultRubric();
    }

    @Override
    public Frame prepare(Frame frame) {
        return colours.prepare(frame);
    }

    @Override
    public float[][] score(List<Frame> prepared, Rubric rubric) {
        scoreCalls.incrementAndGet();
        return colours.score(prepared, rubric);
    }

    @Override
    public Optional<FrameEmbedder> embedder() {
        return Optional.of(this);
    }

    @Override
    public float[][] embedImages(List<Frame> prepared) {
        embedCalls.incrementAndGet();
        return vectors(colours.score(prepared, colours.defaultRubric()));
    }

    @Override
    public ScoredBatch scoreAndEmbed(List<Frame> prepared, Rubric rubric) {
        scoreAndEmbedCalls.incrementAndGet();
        float[][] means = colours.score(prepared, rubric);
        return new ScoredBatch(means, vectors(means));
    }

    @Override
    public float[] embedText(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return FrameEmbedder.unit(new float[] {t.contains("red") ? 1 : 0, t.contains("green") ? 1 : 0,
                t.contains("blue") ? 1 : 0, 0.1f});
    }

    private static float[][] vectors(float[][] meanRgb) {
        float[][] out = new float[meanRgb.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = FrameEmbedder.unit(new float[] {meanRgb[i][0], meanRgb[i][1], meanRgb[i][2], 0.1f});
        }
        return out;
    }
}
