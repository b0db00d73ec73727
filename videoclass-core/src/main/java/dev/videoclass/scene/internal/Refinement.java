package dev.videoclass.scene.internal;

import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;

import java.util.List;
import java.util.function.DoublePredicate;

/**
 * AUTO's refinement ({@code "auto:refined"}): decodes the I-frame intervals a plan marks
 * ({@link IntervalRules}) and merges the cuts found there with the key-frame cuts of the other
 * intervals.
 *
 * <p><b>Decoded runs.</b> Adjacent marked intervals are decoded in one run ({@link DecodeRun}),
 * every frame through one {@link SceneDetector.Stream#FRAMES} detector, so a run has the exact
 * pass's semantics. An interval marked up to its closing I-frame is decoded to its last packet
 * evidence and then only while its frames differ from that I-frame ({@link ClosingKeyFrame}), when
 * at least {@value #MATCH_MIN_FRAMES} frames remain; where they stop differing before, the run
 * skips to the closing I-frame; frames skipped between a run's last decoded frame and the closing
 * I-frame count towards the minimum scene length. A run that stops before its closing I-frame (at
 * its last suspect) then compares that I-frame with its last decoded frame, so a cut between the
 * two is still seen (at the I-frame); where an encoder placed the I-frames at cuts, a score of at
 * least {@code minCutScore} there is a cut even when the detector's filter holds back a busy
 * stretch from the run ({@link DecodeRun}'s boundary frames). A run that starts at the first
 * I-frame starts as the exact pass does; a later one resumes after unknown frames ({@link
 * SceneDetector#resume}), and a stretch still pending where a run ends, unless the video ends
 * there, is resolved as more of the same content would resolve it ({@link SceneDetector#flush}).
 * Where such a guess cannot match the exact pass it misses a cut rather than inventing one.
 *
 * <p><b>Key-frame cuts.</b> An interval that is not decoded contributes a cut at its closing I-frame
 * when the plan allows it there and the I-frame's score is at least the detector's
 * {@code minCutScore()}.
 *
 * <p><b>Merging.</b> The cuts of both kinds form one time-ordered list, and the minimum scene length
 * is applied once more over it, in seconds ({@code minSceneLenFrames / fps}), counted from the first
 * I-frame. Representative candidates are the decoded I-frames and every frame of a run.
 *
 * <p><b>Stopping early.</b> With a test for <em>silent</em> cuts (cuts that nothing AUTO decided on
 * foretold), refinement stops at the first one, in the middle of a run: the video has cuts that its
 * key frames and packets do not show, and the caller runs the exact pass instead.
 */
final class Refinement {
    /**
     * The closing I-frames one run holds at most, bytes of RGB: 300 at the default analysis width
     * (256 x 144). A run over more changed intervals decodes the others completely. Their tests
     * share one detector.
     */
    static final long MAX_HELD_KEY_FRAME_BYTES = 32L << 20;
    /**
     * An interval is decoded only while its frames differ from its closing I-frame when at least this
     * many frames lie between where the test starts and that I-frame; a shorter one is decoded to
     * its end. The test costs one I-frame decode with its seek (the closing I-frame on its own, fed
     * again for the comparison where the run stops early), about four predicted pictures' worth:
     * 6.8 ms per I-frame against 1.7 ms per frame of the exact pass on 360p x264 with sensor noise.
     * So the test pays where it can save a few times that. Measured (benchmarks/RESULTS.md): without
     * reusing the I-frame for the comparison, the test cost about 5 % more CPU on a 1 s cadence
     * (30-frame intervals) while decoding 16 % fewer frames; reusing it (and testing one frame in
     * {@value ClosingKeyFrame#TEST_EVERY_FRAMES}), less CPU than decoding those intervals in full.
     */
    static final int MATCH_MIN_FRAMES = 12;

    private final Sampling sampling;
    private final KeyFrames keys;
    private final double minCutScore;
    private final CutList cuts = new CutList();
    private final Candidates cand;
    private final DecodeRun run;
    private long analysed;
    private boolean decodedAny;
    /** The closing I-frame of the last run's last leg; null when it has none. */
    private ClosingKeyFrame lastClosing;
    /** The detector every {@link ClosingKeyFrame} of this refinement tests with, one test at a time. */
    private final SceneDetector closingTests;

    /**
     * @param keys          the I-frames (their scores are read, never changed)
     * @param minCutScore   the detector's score for a key-frame cut
     * @param analysedSoFar frames already analysed for this video
     * @param iFramesAtCuts whether an encoder placed the I-frames at the cuts it saw: a run's
     *                      boundary frames are then cuts from {@code minCutScore} on ({@link DecodeRun})
     */
    Refinement(Sampling s, KeyFrames keys, double minCutScore, long analysedSoFar, boolean iFramesAtCuts) {
        this.sampling = s;
        this.keys = keys;
        this.minCutScore = minCutScore;
        this.analysed = analysedSoFar;
        this.cand = new Candidates(keys.count() * 2);
        this.closingTests = s.detector(SceneDetector.Stream.KEY_FRAMES);
        this.run = new DecodeRun(s.source(), s.detector(SceneDetector.Stream.FRAMES), s.fps(), cuts,
                iFramesAtCuts ? minCutScore : Double.NaN);
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
                              double[] evidence, boolean[] keyframeCuts, SparseKeyDecoder sparse) throws VideoException {
        Refinement r = new Refinement(s, keys, minCutScore, analysedSoFar, false);
        r.decode(until, evidence, keyframeCuts, null);
        return r.finish(sparse);
    }

    /** Frames analysed so far, the frames before this refinement included. */
    long analysed() {
        return analysed;
    }

    /** The result after {@link #decode}; see {@link #run}. */
    SamplingResult finish(SparseKeyDecoder sparse) throws VideoException {
        List<SceneCut> spaced = cuts.spaced(keys.pts(0), sampling.policy().minSceneLenFrames() / sampling.fps());
        if (sparse != null) {
            analysed += sparse.addSceneCandidates(spaced, cand);
        }
        SceneTracker tracker = new SceneTracker();
        cand.sweepInto(tracker, spaced);
        PassResult pass = new PassResult(tracker, analysed, keys.lastPts());
        return pass.finish(sampling.policy(), decodedAny ? "auto:refined" : "auto:keyframes",
                sampling.duration(keys.lastPts()));
    }

    /**
     * Walks the intervals: decodes those {@code until} marks in runs, takes key-frame cuts from the
     * others. Returns false when it stopped at a cut {@code silent} answers true for, right after the
     * frame that completed it (null: never stops); the refinement is then unusable but for
     * {@link #analysed()}.
     *
     * @param evidence     per interval, its last packet evidence of a cut (NaN: none); an interval
     *                     {@code until} marks completely is decoded to there, or from its opening
     *                     I-frame, on only while its frames differ from its closing I-frame
     * @param keyframeCuts per interval, whether an interval that is not decoded may give a key-frame cut
     */
    boolean decode(double[] until, double[] evidence, boolean[] keyframeCuts, DoublePredicate silent)
            throws VideoException {
        run.stopOn(silent); // the run stops at the first silent cut and decodes nothing more: it would be wasted
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
            // a run of consecutive marked intervals; all but the last one are marked completely
            int j = i;
            while (j < n && until[j] >= keys.pts(j) - Sorted.EPS && !Double.isNaN(until[j + 1])) {
                j++;
            }
            boolean afterSkip = openEnd == i - 1;
            if (afterSkip) {
                run.skipTo(keys.pts(i - 1)); // the first frame (I-frame i - 1) is compared with the last one before
            } else {
                run.restart(i == 1);
            }
            if (!run.stopped()) { // else a cut resolved by the flush above was silent: nothing to decode
                DecodeRun.Leg[] legs = legs(i, j, until, evidence); // counts the closing I-frames it decodes
                lastClosing = legs[legs.length - 1].closing();
                analysed += run.decode(keys.pts(i - 1), legs, cand, afterSkip);
                decodedAny = true;
            }
            if (run.stopped()) {
                run.close();
                return false;
            }
            openEnd = j < n && run.lastFed() < keys.pts(j) - Sorted.EPS ? j : -1;
            i = j + 1;
        }
        run.close();
        return !run.stopped();
    }

    /**
     * The legs of a run over intervals {@code i} to {@code j}: an interval marked completely is
     * decoded to its last evidence (from its opening I-frame without any), then on while its frames
     * differ from its closing I-frame ({@link ClosingKeyFrame}, decoded here: the I-frames of one run
     * are held at once, up to {@value #MAX_HELD_KEY_FRAME_BYTES} bytes), or to its end where the
     * source cannot decode one on its own or more would be held.
     */
    private DecodeRun.Leg[] legs(int i, int j, double[] until, double[] evidence) throws VideoException {
        int n = keys.count();
        DecodeRun.Leg[] legs = new DecodeRun.Leg[j - i + 1];
        long held = 0;
        for (int m = i; m <= j; m++) {
            double limit = m < n ? keys.pts(m) : Double.POSITIVE_INFINITY;
            double end = m < n ? Math.min(until[m], limit) : until[m];
            ClosingKeyFrame closing = null;
            double from = Double.isNaN(evidence[m]) ? keys.pts(m - 1) : evidence[m];
            if (m < n && end >= limit - Sorted.EPS && held < MAX_HELD_KEY_FRAME_BYTES
                    && (limit - from) * sampling.fps() >= MATCH_MIN_FRAMES - Sorted.EPS) {
                closing = ClosingKeyFrame.decode(sampling.source(), limit, closingTests);
            }
            if (closing != null) {
                analysed++;
                held += closing.bytes();
                end = from;
            }
            legs[m - i] = new DecodeRun.Leg(end, limit, closing);
        }
        return legs;
    }

    /** Feeds I-frame {@code i} alone, after the frames skipped since the last one fed. */
    private void compareWithKeyFrame(int i) throws VideoException {
        double at = keys.pts(i);
        run.skipTo(at);
        if (lastClosing != null && Math.abs(lastClosing.pts() - at) <= Sorted.EPS) {
            run.feedAfterSkip(lastClosing.frame()); // decoded, and counted, for the leg it closes
        } else {
            analysed += run.decode(at, new DecodeRun.Leg[] {new DecodeRun.Leg(at, at, null)}, null, true);
        }
    }
}
