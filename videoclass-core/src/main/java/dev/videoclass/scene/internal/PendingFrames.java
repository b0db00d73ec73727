package dev.videoclass.scene.internal;

import dev.videoclass.SceneCut;

/**
 * Analysed frames held back from a {@link SceneTracker} while the detector may still report a cut
 * before them: a detector may report a cut up to {@code maxDelayFrames} frames after its frame, and
 * the frames from the cut on belong to the new scene. Not thread safe.
 */
final class PendingFrames {
    private final SceneTracker tracker;
    private final int delay;
    private double[] pts;
    private double[] sharp;
    private boolean[] key;
    private int head;
    private int size;

    /** @param maxDelayFrames the detector's {@code maxDelayFrames()} */
    PendingFrames(SceneTracker tracker, int maxDelayFrames) {
        this.tracker = tracker;
        this.delay = maxDelayFrames;
        int capacity = (int) Math.min(64, (long) maxDelayFrames + 1);
        pts = new double[capacity];
        sharp = new double[capacity];
        key = new boolean[capacity];
    }

    /**
     * The next analysed frame and the cut the detector reported on feeding it ({@code null}: none):
     * holds the frame, places the cut, and gives the tracker what no later cut can precede.
     */
    void next(double p, double s, boolean isKey, SceneCut cut) {
        add(p, s, isKey);
        if (cut != null) {
            cut(cut);
        }
        settle();
    }

    private void add(double p, double s, boolean isKey) {
        if (size == pts.length) {
            grow();
        }
        int at = (head + size) % pts.length;
        pts[at] = p;
        sharp[at] = s;
        key[at] = isKey;
        size++;
    }

    /** A cut reported by the detector: the frames before it go to the old scene. */
    private void cut(SceneCut cut) {
        while (size > 0 && pts[head] < cut.ptsS() - Sorted.EPS) {
            commit();
        }
        tracker.cut(cut);
    }

    private void settle() {
        while (size > delay) {
            commit();
        }
    }

    /** At the end of the stream: gives the tracker every frame held. */
    void drain() {
        while (size > 0) {
            commit();
        }
    }

    private void commit() {
        tracker.frame(pts[head], sharp[head], key[head]);
        head = (head + 1) % pts.length;
        size--;
    }

    private void grow() {
        int n = pts.length;
        double[] p = new double[n * 2];
        double[] s = new double[n * 2];
        boolean[] k = new boolean[n * 2];
        for (int i = 0; i < size; i++) {
            p[i] = pts[(head + i) % n];
            s[i] = sharp[(head + i) % n];
            k[i] = key[(head + i) % n];
        }
        pts = p;
        sharp = s;
        key = k;
        head = 0;
    }
}
