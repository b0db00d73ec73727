package dev.videoclass.scene.internal;

import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;

import java.util.List;

/**
 * Decodes single I-frames ({@link FrameSource#keyframe}) when AUTO skipped the keyframe pass:
 * owns a {@link KeyFrames} table of every I-frame's time and fills in the sharpness of those it
 * decodes and, for two consecutive ones, the later one's score, exactly as the keyframe pass would
 * have computed them (through a {@link SceneDetector.Stream#KEY_FRAMES} detector). Not thread safe.
 */
public final class SparseKeyDecoder {
    /**
     * Each scene gets at least this many decoded I-frames (or all it has, if fewer) to choose its
     * representative from, so that the choice is not an accident of which I-frames the rules
     * happened to need. Each one more costs a key-frame decode (about 20 ms at 1080p HEVC on 2
     * cores); two already let the sharper of two spread-out pictures win.
     */
    public static final int SCENE_CANDIDATES = 2;

    private final FrameSource source;
    private final KeyFrames keys;
    private final SceneDetector detector;
    private final FrameSharpness sharpness = new FrameSharpness();
    private int last = -1;
    private long decoded;

    /** @param keyTimes every I-frame's time, sorted, seconds (owned by this decoder from now on) */
    SparseKeyDecoder(FrameSource source, double[] keyTimes, SceneDetector detector) {
        this.source = source;
        this.keys = KeyFrames.unknown(keyTimes);
        this.detector = detector;
    }

    /** The table this decoder fills in. */
    KeyFrames keys() {
        return keys;
    }

    /** Number of I-frames decoded so far. */
    long decoded() {
        return decoded;
    }

    /** Decodes I-frame {@code i} unless it was; false when it does not decode. */
    boolean decode(int i) throws VideoException {
        if (keys.isDecoded(i)) {
            return true;
        }
        Frame f = source.keyframe(keys.pts(i));
        if (f == null) {
            return false;
        }
        decoded++;
        if (last != i - 1) {
            detector.reset();
        }
        detector.feed(f);
        double score = last == i - 1 ? detector.lastScore() : Double.NaN;
        last = i;
        keys.fill(i, sharpness.of(f), score);
        return true;
    }

    /**
     * Gives every scene {@value #SCENE_CANDIDATES} decoded I-frames as representative candidates,
     * decoding I-frames spread evenly over the scene (from {@link SceneTracker#SKIP_AFTER_CUT_S}
     * after its start where it has any there). Returns the number of frames decoded.
     *
     * @param cuts the video's cuts, time-ordered
     */
    long addSceneCandidates(List<SceneCut> cuts, Candidates cand) throws VideoException {
        long before = decoded;
        for (int s = 0; s <= cuts.size(); s++) {
            double start = s == 0 ? Double.NEGATIVE_INFINITY : cuts.get(s - 1).ptsS();
            double end = s < cuts.size() ? cuts.get(s).ptsS() : Double.POSITIVE_INFINITY;
            // I-frames in [start + skip, end), else in [start, end)
            int lo = keys.atLeast(start + (s == 0 ? 0 : SceneTracker.SKIP_AFTER_CUT_S));
            int hi = keys.atLeast(end);
            if (lo >= hi) {
                lo = keys.atLeast(start); // a short scene: any I-frame in it
            }
            if (lo >= hi) {
                continue; // no I-frame in this scene
            }
            int want = Math.min(SCENE_CANDIDATES, hi - lo) - cand.distinctKeysIn(keys.pts(lo), end);
            for (int j = 0; j < want; j++) {
                int i = lo + (int) ((j + 0.5) * (hi - lo) / want);
                if (!keys.isDecoded(i) && decode(i)) {
                    cand.add(keys.pts(i), keys.sharp(i), true);
                }
            }
        }
        return decoded - before;
    }
}
