package dev.videoclass.scene.internal;

import dev.videoclass.Frame;
import dev.videoclass.SceneCut;
import dev.videoclass.scene.SceneDetector;

/**
 * A pass's frames on their way into scenes: each analysed frame goes through the detector, and into
 * a {@link SceneTracker} with its sharpness ({@link FrameSharpness}) once no cut can come before it
 * any more — a detector may report a cut up to {@code maxDelayFrames()} frames after its frame, and
 * the frames from the cut on belong to the new scene. Owns the detector and the tracker. Not thread
 * safe.
 */
final class SceneFeed {
    private final SceneDetector detector;
    private final FrameSharpness sharpness = new FrameSharpness();
    private final SceneTracker tracker;
    private final int delay;
    private double[] pts;
    private double[] sharp;
    private boolean[] key;
    private int head;
    private int size;

    SceneFeed(SceneDetector detector) {
        this.detector = detector;
        this.tracker = new SceneTracker();
        this.delay = detector.maxDelayFrames();
        int capacity = (int) Math.min(64, (long) delay + 1);
        pts = new double[capacity];
        sharp = new double[capacity];
        key = new boolean[capacity];
    }

    /**
     * The next analysed frame, in presentation order.
     *
     * @param isKey whether it is a key frame
     * @return its sharpness
     */
    double feed(Frame f, boolean isKey) {
        SceneCut cut = detector.feed(f);
        double s = sharpness.of(f);
        add(f.ptsSeconds(), s, isKey);
        if (cut != null) {
            cut(cut);
        }
        settle();
        return s;
    }

    /** The detector's score of the last frame fed. */
    double lastScore() {
        return detector.lastScore();
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

    /** At the end of the stream: gives the tracker every frame held, and returns it. */
    SceneTracker finish() {
        while (size > 0) {
            commit();
        }
        return tracker;
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
