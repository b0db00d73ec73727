package dev.videoclass.scene.internal;

import dev.videoclass.SceneCut;

import java.util.ArrayList;
import java.util.List;

/** Cuts collected out of time order (decoded runs and key-frame cuts of a refinement). Not thread safe. */
final class CutList {
    private final DoubleList pts = new DoubleList(16);
    private final DoubleList strength = new DoubleList(16);

    void add(double ptsS, double s) {
        pts.add(ptsS);
        strength.add(s);
    }

    void add(SceneCut cut) {
        add(cut.ptsS(), cut.strength());
    }

    int size() {
        return pts.size();
    }

    /**
     * The cuts in time order with the minimum scene length applied once over all of them, in seconds
     * and counted from {@code firstPts}: a cut closer than {@code minLenS} to the last one kept is
     * dropped (as PySceneDetect's SUPPRESS filter does).
     */
    List<SceneCut> spaced(double firstPts, double minLenS) {
        double last = firstPts;
        List<SceneCut> out = new ArrayList<>();
        for (int idx : Sorted.order(pts)) {
            double p = pts.get(idx);
            if (p - last >= minLenS - Sorted.EPS) {
                out.add(new SceneCut(p, strength.get(idx)));
                last = p;
            }
        }
        return out;
    }
}
