package dev.videoclass.rubric;

/**
 * The two functions that turn model outputs into 0–1 scores, shared by the rubric's modes and by
 * scorers that read class logits: softmax over a vector (numerically stable: the maximum is
 * subtracted first) and the logistic sigmoid. Stateless.
 */
public final class Activations {
    private Activations() {
    }

    /** {@code softmax(scale * x)}: non-negative values summing to 1. */
    public static double[] softmax(float[] x, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, scale * v);
        }
        double[] out = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(scale * x[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** {@code 1 / (1 + e^-x)}. */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
