package dev.videoclass.scene.internal;

import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;

import java.util.List;

/**
 * AUTO's refinement ({@code "auto:refined"}): decodes the I-frame intervals a plan marks
 * ({@link IntervalRules}) and merges the cuts found there with the key-frame cuts of the other
 * intervals.
 *
 * <p><b>Decoded runs.</b> Adjacent marked intervals are decoded in one run ({@link DecodeRun}),
 * every frame through one {@link SceneDetector.Stream#FRAMES} detector, so a run has the exact
 * pass's semantics; frames skipped between a run's last decoded frame and the closing I-frame count
 * towards the minimum scene length. A run that stops before its closing I-frame (at its last suspect)
 * then compares that I-frame with its last decoded frame, so a cut between the two is still seen (at
 * the I-frame). A run that starts at the first I-frame starts as the exact pass does; a later one
 * resumes after unknown frames ({@link SceneDetector#resume}), and a stretch still pending where a
 * run ends, unless the video ends there, is resolved as more of the same content would resolve it
 * ({@link SceneDetector#flush}). Where such a guess cannot match the exact pass it misses a cut rather
 * than inventing one.
 *
 * <p><b>Key-frame cuts.</b> An interval that is not decoded contributes a cut at its closing I-frame
 * when the plan allows it there and the I-frame's score is at least the detector's
 * {@code minCutScore()}.
 *
 * <p><b>Merging.</b> The cuts of both kinds form one time-ordered list, and the minimum scene length
 * is applied once more over it, in seconds ({@code minSceneLenFrames / fps}), counted from the first
 * I-frame. Representative candidates are the decoded I-frames and every frame of a run.
 */
final class Refinement {
    private final Sampling sampling;
    private final KeyFrames keys;
    private final double minCutScore;
    private final CutList cuts = new CutList();
    private final Candidates cand;
    private final DecodeRun run;
    private long analysed;
    private boolean decodedAny;

    /**
     * @param keys          the I-frames (their scores are read, never changed)
     * @param minCutScore   the detector's score for a key-frame cut
     * @param analysedSoFar frames already analysed for this video
     */
    private Refinement(Sampling s, KeyFrames keys, double minCutScore, long analysedSoFar) {
        this.sampling = s;
        this.keys = keys;
        this.minCutScore = minCutScore;
        this.analysed = analysedSoFar;
        this.cand = new Candidates(keys.count() * 2);
        this.run = new DecodeRun(s.source(), s.detector(SceneDetector.Stream.FRAMES), s.fps(), cuts);
        for (int i = 0; i < keys.count(); i++) {
            if (keys.isDecoded(i)) {
                cand.add(keys.pts(i), keys.sharp(i), true);
            }
        }
    }

    /**
     * Decodes the intervals {@code until} marks and returns the result: {@code "auto:refined"}, or
     * {@code "auto:keyframes"} when nothing was decoded.
     *
     * @param keyframeCuts per interval, whether an interval that is not decoded may give a key-frame cut
     * @param sparse       the decoder of a sparse key-frame table (null after a keyframe pass); it
     *                     then also decodes representative candidates for every scene
     */
    static SamplingResult run(Sampling s, KeyFrames keys, double minCutScore, long analysedSoFar, double[] until,
                              boolean[] keyframeCuts, SparseKeyDecoder sparse) throws VideoException {
        Refinement r = new Refinement(s, keys, minCutScore, analysedSoFar);
        r.decodeMarked(until, keyframeCuts);
        List<SceneCut> spaced = r.cuts.spaced(keys.pts(0), s.policy().minSceneLenFrames() / s.fps());
        if (sparse != null) {
            r.analysed += sparse.addSceneCandidates(spaced, r.cand);
        }
        SceneTracker tracker = new SceneTracker();
        r.cand.sweepInto(tracker, spaced);
        PassResult pass = new PassResult(tracker, r.analysed, keys.lastPts());
        return pass.finish(s.policy(), r.decodedAny ? "auto:refined" : "auto:keyframes", s.duration(keys.lastPts()));
    }

    /** Walks the intervals: decodes the marked ones in runs, takes key-frame cuts from the others. */
    private void decodeMarked(double[] until, boolean[] keyframeCuts) throws VideoException {
        int n = keys.count();
        // >= 1 while the detector still holds the last frame of a run that stopped short of I-frame
        // `openEnd`: the next frame fed must be that I-frame, compared with it
        int openEnd = -1;
        int i = 1;
        while (i <= n) {
            if (Double.isNaN(until[i])) {
                if (openEnd == i - 1) {
                    // the run before stopped inside interval i - 1: compare its last frame with I-frame i - 1
                    compareWithKeyFrame(i - 1);
                    openEnd = -1;
                }
                if (i < n && keyframeCuts[i] && keys.score(i) >= minCutScore) {
                    cuts.add(keys.pts(i), keys.score(i));
                }
                i++;
                continue;
            }
            // a run of consecutive marked intervals; all but the last one are decoded completely
            int j = i;
            while (j < n && until[j] >= keys.pts(j) - Sorted.EPS && !Double.isNaN(until[j + 1])) {
                j++;
            }
            double a = keys.pts(i - 1);
            double end = j < n ? Math.min(until[j], keys.pts(j)) : until[j];
            if (openEnd == i - 1) {
                run.skipTo(a); // the first frame (I-frame i - 1) is compared with the last one before
            } else {
                run.restart(i == 1);
            }
            analysed += run.decode(a, end, cand);
            decodedAny = true;
            openEnd = j < n && end < keys.pts(j) - Sorted.EPS ? j : -1;
            i = j + 1;
        }
        run.close();
    }

    /** Feeds I-frame {@code i} alone, after the frames skipped since the last one fed. */
    private void compareWithKeyFrame(int i) throws VideoException {
        run.skipTo(keys.pts(i));
        analysed += run.decode(keys.pts(i), keys.pts(i), null);
    }
}
