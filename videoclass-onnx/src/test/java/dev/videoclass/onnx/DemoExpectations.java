package dev.videoclass.onnx;

import dev.videoclass.Frame;
import dev.videoclass.onnx.demo.DemoModel;

import java.util.Arrays;

/**
 * What the demo model must output, worked out from its published definition (not by running it):
 * a flat picture of one colour embeds to its normalised RGB, detail -0.5 and the constant 1; a prompt
 * embeds to the sum of its words' vectors.
 */
final class DemoExpectations {
    private DemoExpectations() {
    }

    static Frame solid(int rgb, int width, int height) {
        byte[] px = new byte[width * height * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) (rgb >> 16);
            px[i + 1] = (byte) (rgb >> 8);
            px[i + 2] = (byte) rgb;
        }
        return new Frame(width, height, px, 0.0);
    }

    static float[] flatEmbedding(int rgb) {
        float[] e = new float[DemoModel.DIM];
        for (int c = 0; c < 3; c++) {
            int v = (rgb >> (16 - 8 * c)) & 0xFF;
            e[c] = ((float) (v / 255.0) - 0.5f) / 0.5f;
        }
        e[3] = -0.5f;
        e[4] = 1f;
        return e;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double cosine(int rgb, String prompt) {
        return cosine(flatEmbedding(rgb), DemoModel.textEmbedding(prompt));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double[] softmax(double... logits) {
        double max = Arrays.stream(logits).max().orElse(0);
        double[] e = Arrays.stream(logits).map(l -> Math.exp(l - max)).toArray();
        double sum = Arrays.stream(e).sum();
        return Arrays.stream(e).map(v -> v / sum).toArray();
    }
}
