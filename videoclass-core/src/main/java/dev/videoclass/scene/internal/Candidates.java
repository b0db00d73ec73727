package dev.videoclass.scene.internal;

import dev.videoclass.SceneCut;

import java.util.List;

/**
 * Representative candidates collected out of time order (decoded I-frames and the frames of decoded
 * runs): timestamp, sharpness and key flag. Not thread safe.
 */
final class Candidates {
    private final DoubleList pts;
    private final DoubleList sharp;
    private final DoubleList key;

    Candidates(int capacity) {
        pts = new DoubleList(capacity);
        sharp = new DoubleList(capacity);
        key = new DoubleList(capacity);
    }

    void add(double p, double s, boolean isKey) {
        pts.add(p);
        sharp.add(s);
        key.add(isKey ? 1 : 0);
    }

    /**
     * Number of distinct key frames among the candidates in {@code [from, to)} (within EPS): an
     * I-frame can be there twice, decoded for the rules and again as the opening frame of a run.
     */
    int distinctKeysIn(double from, double to) {
        DoubleList present = new DoubleList(8);
        for (int i = 0; i < pts.size(); i++) {
            double p = pts.get(i);
            if (key.get(i) != 0 && p >= from - Sorted.EPS && p < to - Sorted.EPS) {
                present.add(p);
            }
        }
        double[] distinct = Sorted.sorted(present);
        int have = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (i == 0 || distinct[i] - distinct[i - 1] > Sorted.EPS) {
                have++;
            }
        }
        return have;
    }

    /**
     * Gives {@code tracker} the candidates and {@code cuts} (time-ordered) in one time-ordered sweep;
     * of candidates with the same timestamp only the first counts.
     */
    void sweepInto(SceneTracker tracker, List<SceneCut> cuts) {
        int c = 0;
        double prevPts = Double.NaN;
        for (int idx : Sorted.order(pts)) {
            double p = pts.get(idx);
            while (c < cuts.size() && cuts.get(c).ptsS() <= p + Sorted.EPS) {
                tracker.cut(cuts.get(c++));
            }
            if (p == prevPts) {
                continue; // an I-frame that was also decoded in a refined run
            }
            prevPts = p;
            tracker.frame(p, sharp.get(idx), key.get(idx) != 0);
        }
        while (c < cuts.size()) {
            tracker.cut(cuts.get(c++));
        }
    }
}
