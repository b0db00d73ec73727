package dev.videoclass.scene;

import dev.videoclass.SceneCut;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds scenes from a time-ordered stream of analysed frames (timestamp and sharpness only) and
 * cuts, keeping per scene just the best candidate so far: the sharpest frame at least
 * {@code skipS} after the scene start ("late"), and the sharpest frame overall as a fallback for
 * scenes too short to have a late frame. No frame copies. Not thread safe.
 */
final class SceneTracker {

    /** One scene with its chosen representative. Mutable only inside this package. */
    static final class Scene {
        double start;
        double end;
        /** Strength of the cut that starts it; +infinity for the first scene (no cut). */
        double strength;
        double repPts = Double.NaN;
        double repSharpness = Double.NEGATIVE_INFINITY;
        /** Length of the original scene whose representative this is (used when scenes merge). */
        double repSpan;

        Scene(double start, double strength) {
            this.start = start;
            this.strength = strength;
        }

        double length() {
            return end - start;
        }
    }

    private static final double EPS = 1e-9;

    private final double skipS;
    private final List<Scene> scenes = new ArrayList<>();
    private final List<SceneCut> cuts = new ArrayList<>();
    private Scene current = new Scene(0.0, Double.POSITIVE_INFINITY);
    private double bestAllPts = Double.NaN;
    private double bestAll = Double.NEGATIVE_INFINITY;
    private double bestLatePts = Double.NaN;
    private double bestLate = Double.NEGATIVE_INFINITY;
    private double bestKeyPts = Double.NaN;
    private double bestKey = Double.NEGATIVE_INFINITY;
    private double bestLateKeyPts = Double.NaN;
    private double bestLateKey = Double.NEGATIVE_INFINITY;
    private double lastPts = Double.NaN;

    SceneTracker(double skipS) {
        this.skipS = skipS;
    }

    /** An analysed frame of the current scene that is not known to be a key frame. */
    void frame(double pts, double sharpness) {
        frame(pts, sharpness, false);
    }

    /**
     * An analysed frame of the current scene. Key frames are preferred as representatives: the
     * encoder spends the most bits on them and capturing one decodes a single picture, where any
     * other frame costs decoding from its key frame on.
     */
    void frame(double pts, double sharpness, boolean key) {
        lastPts = pts;
        boolean late = pts >= current.start + skipS - EPS;
        if (key && (sharpness > bestKey || Double.isNaN(bestKeyPts))) {
            bestKey = sharpness;
            bestKeyPts = pts;
        }
        if (key && late && (sharpness > bestLateKey || Double.isNaN(bestLateKeyPts))) {
            bestLateKey = sharpness;
            bestLateKeyPts = pts;
        }
        if (sharpness > bestAll || Double.isNaN(bestAllPts)) {
            bestAll = sharpness;
            bestAllPts = pts;
        }
        if (late && (sharpness > bestLate || Double.isNaN(bestLatePts))) {
            bestLate = sharpness;
            bestLatePts = pts;
        }
    }

    /** A new scene starts at {@code cut.ptsS()}; frames given from now on belong to it. */
    void cut(SceneCut cut) {
        if (cut.ptsS() <= current.start + EPS) {
            return; // a cut at the very start of the video or a duplicate: no new scene
        }
        cuts.add(cut);
        close(cut.ptsS());
        current = new Scene(cut.ptsS(), cut.strength());
    }

    /** Closes the last scene at {@code durationS} and returns all scenes in time order. */
    List<Scene> finish(double durationS) {
        double end = Math.max(durationS, Double.isNaN(lastPts) ? current.start : lastPts);
        close(Math.max(end, current.start));
        return scenes;
    }

    /** The cuts that started a scene, in time order. */
    List<SceneCut> cuts() {
        return cuts;
    }

    private void close(double end) {
        current.end = end;
        if (!Double.isNaN(bestLateKeyPts)) {
            current.repPts = bestLateKeyPts;
            current.repSharpness = bestLateKey;
        } else if (!Double.isNaN(bestKeyPts)) {
            current.repPts = bestKeyPts;
            current.repSharpness = bestKey;
        } else if (!Double.isNaN(bestLatePts)) {
            current.repPts = bestLatePts;
            current.repSharpness = bestLate;
        } else if (!Double.isNaN(bestAllPts)) {
            current.repPts = bestAllPts;
            current.repSharpness = bestAll;
        } else {
            // no analysed frame fell inside this scene: its middle
            current.repPts = current.start + (end - current.start) / 2;
            current.repSharpness = 0;
        }
        current.repSpan = end - current.start;
        scenes.add(current);
        bestAllPts = bestLatePts = bestKeyPts = bestLateKeyPts = Double.NaN;
        bestAll = bestLate = bestKey = bestLateKey = Double.NEGATIVE_INFINITY;
    }
}
