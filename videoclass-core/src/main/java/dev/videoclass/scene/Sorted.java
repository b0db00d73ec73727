package dev.videoclass.scene;

import java.util.Arrays;

/** Binary search and argsort on sorted timestamp arrays, shared by the sampler and its packet analysis. */
final class Sorted {
    private static final double EPS = 1e-6;

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

    /** Indices of {@code values} in ascending order of value (stable for equal values). */
    static int[] order(SceneSampler.DoubleList values) {
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
}
