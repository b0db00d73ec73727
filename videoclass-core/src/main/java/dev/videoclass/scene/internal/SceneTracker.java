package dev.videoclass.scene.internal;

import dev.videoclass.SceneCut;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds scenes from a time-ordered stream of analysed frames (timestamp, sharpness, key flag) and
 * cuts, keeping per scene just the best representative candidate so far. No frame copies.
 *
 * <p><b>Representative frame.</b> Per scene, in this order of preference: the sharpest key frame at
 * least {@code skipS} after the scene start, the sharpest key frame, the sharpest frame at least
 * {@code skipS} after the start, the sharpest frame; the middle of the scene when no analysed frame
 * fell inside it. Sharpness is the variance of the 3x3 Laplacian of the luma
 * ({@link FrameSharpness}). Why: sharp frames score more reliably than motion-blurred ones, the
 * first frames after a cut are where dissolves, fades and encoder ramp-up sit, and a key frame is
 * the best-coded picture and the cheapest to capture again (a single picture to decode).
 *
 * <p>Not thread safe.
 */
public final class SceneTracker {
    /**
     * Frames this close after a cut are only used as representative when nothing later is in the
     * scene, seconds.
     */
    public static final double SKIP_AFTER_CUT_S = 0.2;

    private static final double EPS = 1e-9;

    private final double skipS;
    private final List<Scene> scenes = new ArrayList<>();
    private final List<SceneCut> cuts = new ArrayList<>();
    private Scene current = new Scene(0.0, Double.POSITIVE_INFINITY);
    private final Best all = new Best();
    private final Best late = new Best();
    private final Best key = new Best();
    private final Best lateKey = new Best();
    private double lastPts = Double.NaN;

    /** A tracker that skips {@link #SKIP_AFTER_CUT_S} after each cut. */
    public SceneTracker() {
        this(SKIP_AFTER_CUT_S);
    }

    /** @param skipS seconds after a scene's start whose frames are representatives only as a fallback */
    public SceneTracker(double skipS) {
        this.skipS = skipS;
    }

    /** An analysed frame of the current scene that is not known to be a key frame. */
    public void frame(double pts, double sharpness) {
        frame(pts, sharpness, false);
    }

    /** An analysed frame of the current scene. */
    public void frame(double pts, double sharpness, boolean isKey) {
        lastPts = pts;
        boolean isLate = pts >= current.start + skipS - EPS;
        if (isKey) {
            key.offer(pts, sharpness);
        }
        if (isKey && isLate) {
            lateKey.offer(pts, sharpness);
        }
        all.offer(pts, sharpness);
        if (isLate) {
            late.offer(pts, sharpness);
        }
    }

    /** A new scene starts at {@code cut.ptsS()}; frames given from now on belong to it. */
    public void cut(SceneCut cut) {
        if (cut.ptsS() <= current.start + EPS) {
            return; // a cut at the very start of the video or a duplicate: no new scene
        }
        cuts.add(cut);
        close(cut.ptsS());
        current = new Scene(cut.ptsS(), cut.strength());
    }

    /** Closes the last scene at {@code durationS} and returns all scenes in time order. */
    public List<Scene> finish(double durationS) {
        double end = Math.max(durationS, Double.isNaN(lastPts) ? current.start : lastPts);
        close(Math.max(end, current.start));
        return scenes;
    }

    /** The cuts that started a scene, in time order. */
    public List<SceneCut> cuts() {
        return cuts;
    }

    private void close(double end) {
        Best best = !lateKey.isEmpty() ? lateKey : !key.isEmpty() ? key : !late.isEmpty() ? late : all;
        if (best.isEmpty()) {
            // no analysed frame fell inside this scene: its middle
            current.close(end, current.start + (end - current.start) / 2);
        } else {
            current.close(end, best.pts);
        }
        scenes.add(current);
        all.clear();
        late.clear();
        key.clear();
        lateKey.clear();
    }

    /** The sharpest frame offered since the last clear. */
    private static final class Best {
        double pts = Double.NaN;
        double sharpness = Double.NEGATIVE_INFINITY;

        void offer(double p, double s) {
            if (s > sharpness || Double.isNaN(pts)) {
                sharpness = s;
                pts = p;
            }
        }

        boolean isEmpty() {
            return Double.isNaN(pts);
        }

        void clear() {
            pts = Double.NaN;
            sharpness = Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * One scene, {@code [start, end)} in seconds, with its representative. Its end and representative
     * are set by the tracker that closes it, and change afterwards only when {@link SceneClamp}
     * merges the next scene into it ({@link #absorb}).
     */
    public static final class Scene {
        private final double start;
        private final double strength;
        private double end;
        private double repPts = Double.NaN;
        private double repSpan;

        Scene(double start, double strength) {
            this.start = start;
            this.strength = strength;
        }

        /** Start, seconds. */
        public double start() {
            return start;
        }

        /** End, seconds. */
        public double end() {
            return end;
        }

        /** Strength of the cut that starts it; +infinity for the first scene (no cut). */
        public double strength() {
            return strength;
        }

        /** Timestamp of the representative frame, seconds. */
        public double repPts() {
            return repPts;
        }

        /** Length, seconds. */
        public double length() {
            return end - start;
        }

        private void close(double endS, double pts) {
            end = endS;
            repPts = pts;
            repSpan = endS - start;
        }

        /**
         * Merges the following scene into this one: the end moves to its end, and the representative
         * of the longer original scene is kept.
         */
        void absorb(Scene next) {
            if (next.repSpan > repSpan) {
                repPts = next.repPts;
                repSpan = next.repSpan;
            }
            end = next.end;
        }
    }
}
