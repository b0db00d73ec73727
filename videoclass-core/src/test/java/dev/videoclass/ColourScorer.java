package dev.videoclass;

import dev.videoclass.spi.FrameScorer;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;

import java.util.List;

/**
 * Test double: scores the mean red, green and blue of a frame as labels "red" (explicit), "green"
 * (quality) and "blue" (tag), 0–1. Public for the tests of other packages.
 */
public final class ColourScorer implements FrameScorer {
    static final Rubric RUBRIC = Rubric.of("colours", ScoreMode.DIRECT, List.of(
            new RubricLabel("red", "red", LabelRole.EXPLICIT),
            new RubricLabel("green", "green", LabelRole.QUALITY_POS),
            new RubricLabel("blue", "blue", LabelRole.TAG)), 0.5, 0.5);

    public volatile boolean closed;

    @Override
    public String id() {
        return "colour-test";
    }

    @Override
    public String executionProvider() {
        return "java";
    }

    @Override
    public Rubric defaultRubric() {
        return RUBRIC;
    }

    @Override
    public Frame prepare(Frame frame) {
        return frame.copy();
    }

    @Override
    public float[][] score(List<Frame> prepared, Rubric rubric) {
        float[][] out = new float[prepared.size()][];
        for (int i = 0; i < out.length; i++) {
            Frame f = prepared.get(i);
            double[] sum = new double[3];
            byte[] rgb = f.rgb();
            for (int p = 0; p < f.pixelCount() * 3; p++) {
                sum[p % 3] += rgb[p] & 0xFF;
            }
            out[i] = new float[3];
            for (int c = 0; c < 3; c++) {
                out[i][c] = (float) (sum[c] / f.pixelCount() / 255.0);
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }
}
