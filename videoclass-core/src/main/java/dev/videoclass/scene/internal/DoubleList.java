package dev.videoclass.scene.internal;

import java.util.Arrays;

/** A growable array of doubles (no boxing). Not thread safe. */
final class DoubleList {
    private double[] a;
    private int n;

    DoubleList(int capacity) {
        a = new double[Math.max(4, capacity)];
    }

    void add(double v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n++] = v;
    }

    double get(int i) {
        return a[i];
    }

    int size() {
        return n;
    }

    double last() {
        return a[n - 1];
    }

    double[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
