package dev.videoclass.scene.internal;

import java.util.Arrays;

/**
 * The I-frames of a video as AUTO's rules see them: timestamps (sorted, seconds), sharpness, and
 * score (content value, 0–255, against the previous I-frame). After a keyframe pass every value is
 * known and the table never changes. A table made by {@link #unknown} starts with sharpness and
 * score unknown (NaN); the {@link SparseKeyDecoder} that makes it is its only writer and fills in the
 * I-frames it decodes.
 */
final class KeyFrames {
    private final double[] pts;
    private final double[] sharp;
    private final double[] score;

    private KeyFrames(double[] pts, double[] sharp, double[] score) {
        this.pts = pts;
        this.sharp = sharp;
        this.score = score;
    }

    /** A complete table; the arrays are owned by it from now on. */
    static KeyFrames of(double[] pts, double[] sharp, double[] score) {
        return new KeyFrames(pts, sharp, score);
    }

    /** A table of I-frames at {@code pts} (owned by it from now on), none decoded yet. */
    static KeyFrames unknown(double[] pts) {
        double[] sharp = new double[pts.length];
        double[] score = new double[pts.length];
        Arrays.fill(sharp, Double.NaN);
        Arrays.fill(score, Double.NaN);
        return new KeyFrames(pts, sharp, score);
    }

    int count() {
        return pts.length;
    }

    double pts(int i) {
        return pts[i];
    }

    double sharp(int i) {
        return sharp[i];
    }

    /** Content value of I-frame {@code i} against I-frame {@code i - 1}; NaN when unknown. */
    double score(int i) {
        return score[i];
    }

    /** Whether I-frame {@code i} was decoded (its sharpness is known). */
    boolean isDecoded(int i) {
        return !Double.isNaN(sharp[i]);
    }

    /** The last timestamp, NaN when there is no I-frame. */
    double lastPts() {
        return pts.length == 0 ? Double.NaN : pts[pts.length - 1];
    }

    /** Number of I-frames at or before {@code t} (within EPS). */
    int upTo(double t) {
        return Sorted.upperBound(pts, t);
    }

    /** Whether an I-frame lies within {@code tolerance} seconds of {@code t}. */
    boolean near(double t, double tolerance) {
        int i = atLeast(t - tolerance);
        return i < pts.length && pts[i] <= t + tolerance + Sorted.EPS;
    }

    /** Index of the first I-frame at or after {@code t} (within EPS). */
    int atLeast(double t) {
        return Sorted.atLeast(pts, t);
    }

    /** Records a decoded I-frame; {@code s} is NaN when its predecessor was not decoded with it. */
    void fill(int i, double sharpness, double s) {
        sharp[i] = sharpness;
        score[i] = s;
    }
}
