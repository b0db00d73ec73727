package dev.videoclass.scene.internal;

import java.util.Arrays;

/** Binary search and argsort on sorted timestamp arrays, shared by the passes and the packet rules. */
final class Sorted {
    /** Tolerance when comparing presentation times, seconds. */
    static final double EPS = 1e-6;

    private Sorted() {
    }

    /** Index of the first element of sorted {@code a} greater than {@code v} (plus EPS). */
    static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v + EPS) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element of sorted {@code a} at or after {@code t} (within EPS). */
    static int atLeast(double[] a, double t) {
        return upperBound(a, t - 2 * EPS);
    }

    /** Indices of {@code values} in ascending order of value (stable for equal values). */
    static int[] order(DoubleList values) {
        Integer[] idx = new Integer[values.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(values.get(x), values.get(y)));
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** {@code values} rearranged by {@code order}: element i is {@code values.get(order[i])}. */
    static double[] permuted(DoubleList values, int[] order) {
        double[] out = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values.get(order[i]);
        }
        return out;
    }

    /** The values of {@code values}, sorted. */
    static double[] sorted(DoubleList values) {
        double[] out = values.toArray();
        Arrays.sort(out);
        return out;
    }
}
