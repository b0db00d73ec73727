package dev.videoclass.scene.internal;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;

import java.util.function.DoublePredicate;

/**
 * The decode runs of one refinement, sharing one {@link SceneDetector.Stream#FRAMES} detector, which
 * this object owns: where the last run stopped, so that frames skipped between two runs count
 * towards the minimum scene length ({@link SceneDetector#skip}), and a stretch still pending when
 * the decoded frames end is resolved ({@link SceneDetector#flush}) unless the stream itself ended
 * there. Cuts go to the refinement's {@link CutList}.
 *
 * <p><b>Boundary frames.</b> Where the I-frames sit at the cuts an encoder saw (a boundary score is
 * given), a run treats its edges so that what it cannot see does not hide a cut:
 * <ul>
 *   <li>an I-frame fed right after skipped frames (compared with the last frame fed before them), or
 *       fed as a run's last frame, whose score reaches the boundary score is a cut even when the
 *       detector's filter holds it back: a busy stretch pending in the filter would merge it, but the
 *       frames that would have ended that stretch are never seen;</li>
 *   <li>a run that would stop before its limit (at a picture whose packet was evidence of a cut)
 *       while its detector is not {@link SceneDetector#settled() settled} decodes on until it is, for
 *       at most twice the detector's {@link SceneDetector#maxDelayFrames()}, so that the detector
 *       decides on real frames, not on a guess.</li>
 * </ul>
 * <b>Legs.</b> A run covers consecutive I-frame intervals, its legs ({@link Leg}). A leg with a
 * closing I-frame is decoded past its end only while its frames differ from that I-frame; where
 * they stop differing the detector may still hold back the cut just before (a merge pending in its
 * filter), so the leg decodes on until the detector is settled, as at a boundary, whatever the
 * boundary score, and a leg before the last then skips to its closing I-frame.
 * A run can be told to stop at the first cut a test answers true for ({@link #stopOn}), whether the
 * cut comes from a decoded frame or from a stretch resolved between runs: AUTO stops refining at a
 * silent cut, and every frame decoded after it would be wasted.
 * Not thread safe.
 */
final class DecodeRun {
    private final FrameSource source;
    private final SceneDetector detector;
    private final double fps;
    private final CutList cuts;
    private final double boundaryCutScore;
    private final FrameSharpness sharpness = new FrameSharpness();
    private double lastFed = Double.NaN;
    /** Frames fed since this object was made. */
    private long fedTotal;
    private boolean endOfStream;
    private boolean open;
    /** Stops a run right after a cut this answers true for; null: never. */
    private DoublePredicate stopOn;
    /** A cut {@link #stopOn} answers true for was added: no more frames are decoded. */
    private boolean stopped;

    /**
     * @param boundaryCutScore the score from which a boundary frame is a cut (see the class comment);
     *                         NaN: the detector alone decides
     */
    DecodeRun(FrameSource source, SceneDetector detector, double fps, CutList cuts, double boundaryCutScore) {
        this.source = source;
        this.detector = detector;
        this.fps = fps;
        this.cuts = cuts;
        this.boundaryCutScore = boundaryCutScore;
    }

    /**
     * Ends the current stretch and starts a new one: from the first frame of the video exactly as
     * the exact pass starts, later as a stream that continues after unknown frames
     * ({@link SceneDetector#resume}).
     */
    void restart(boolean atStreamStart) {
        close();
        if (atStreamStart) {
            detector.reset();
        } else {
            detector.resume(cuts.size() > 0);
        }
    }

    /**
     * Counts the frames between the last one fed and {@code pts} as skipped. They are taken to be
     * more of the content fed last: what that content would resolve ({@link SceneDetector#flush}) is
     * resolved first.
     */
    void skipTo(double pts) {
        if (!Double.isNaN(lastFed)) {
            for (SceneCut cut : detector.flush()) {
                add(cut);
            }
            detector.skip(Math.round((pts - lastFed) * fps) - 1);
        }
    }

    /** Ends the current stretch of fed frames: resolves what is pending as more of the same content would. */
    void close() {
        if (open && !endOfStream) {
            for (SceneCut cut : detector.flush()) {
                add(cut);
            }
        }
        open = false;
        endOfStream = false;
        lastFed = Double.NaN;
    }

    /**
     * From now on a run ends right after a cut that {@code test} answers true for is added (null:
     * runs end only where {@link #decode} says), and later runs decode nothing ({@link #stopped()}).
     * The cuts found so far stay in the cut list; the detector then holds an unfinished stretch, so
     * the refinement must not go on.
     */
    void stopOn(DoublePredicate test) {
        this.stopOn = test;
    }

    /** Whether a cut the {@link #stopOn} test answers true for has been added. */
    boolean stopped() {
        return stopped;
    }

    private void add(SceneCut cut) {
        add(cut.ptsS(), cut.strength());
    }

    private void add(double pts, double strength) {
        cuts.add(pts, strength);
        stopped |= stopOn != null && stopOn.test(pts);
    }

    /** Time of the last frame fed, NaN when none since the last {@link #close()}. */
    double lastFed() {
        return lastFed;
    }

    /**
     * One I-frame interval of a run.
     *
     * @param end     decoded at least to here, seconds
     * @param limit   its closing I-frame, where the run goes on into the next leg or stops (infinity
     *                at the video's end), seconds
     * @param closing that I-frame, when the leg is decoded past {@code end} only while its frames
     *                still differ from it; null: a leg before the last one is decoded to its limit,
     *                the last one to {@code end}
     */
    record Leg(double end, double limit, ClosingKeyFrame closing) {
    }

    /**
     * Decodes the frames of consecutive I-frame intervals ({@code seek(a, ALL_FRAMES)}, seconds)
     * through the detector. A leg is decoded to its end, then on while its frames differ from its
     * closing I-frame; the last leg also while the boundary rules ask for it. A leg before the last
     * whose frames stop differing is left there: its other frames are skipped
     * ({@link #skipTo}), and the run goes on from its closing I-frame, fed as a boundary frame.
     * With {@code cand} the frames become representative candidates. Returns the number of frames
     * analysed: none once {@link #stopped()}.
     *
     * @param afterSkip whether the first frame, an I-frame, follows frames skipped since the last one
     *                  fed (a boundary frame)
     */
    long decode(double a, Leg[] legs, Candidates cand, boolean afterSkip) throws VideoException {
        long before = fedTotal;
        double from = a;
        int leg = 0;
        boolean boundary = afterSkip;
        while (!stopped) {
            int left = feedFrom(from, legs, leg, cand, boundary);
            if (left < 0) {
                break;
            }
            from = legs[left].limit();
            skipTo(from);
            leg = left + 1;
            boundary = true;
        }
        return fedTotal - before;
    }

    /**
     * Feeds an I-frame decoded on its own after the frames skipped since the last one fed
     * ({@link #skipTo}), as {@link #decode} feeds it as a run of that one frame: a boundary frame.
     * Nothing once {@link #stopped()}.
     */
    void feedAfterSkip(Frame keyFrame) {
        if (stopped) {
            return;
        }
        open = true;
        endOfStream = false;
        feed(keyFrame, null, true);
    }

    /**
     * Feeds a frame to the detector and adds the cut it completes; at a boundary frame a score the
     * detector holds back is a cut from the boundary score on (see the class comment).
     */
    private void feed(Frame f, Candidates cand, boolean boundaryFrame) {
        double pts = f.ptsSeconds();
        lastFed = pts;
        fedTotal++;
        SceneCut cut = detector.feed(f);
        if (cand != null) {
            cand.add(pts, sharpness.of(f), f.isKeyframe());
        }
        if (cut != null) {
            add(cut);
        } else if (boundaryFrame && detector.lastScore() >= boundaryCutScore) {
            add(pts, detector.lastScore());
        }
    }

    /**
     * One seek of {@link #decode}, from leg {@code leg} on. Returns the leg before the last that its
     * frames left early (the run goes on from its closing I-frame), or -1 when the run ended.
     */
    private int feedFrom(double from, Leg[] legs, int leg, Candidates cand, boolean boundary) throws VideoException {
        source.seek(from, DecodeMode.ALL_FRAMES);
        open = true;
        int last = legs.length - 1;
        int m = leg;
        InLeg at = new InLeg(legs[m]);
        long fedHere = 0;
        double fedPts = Double.NaN;
        boolean reachedEnd = true;
        Frame f;
        while ((f = source.next()) != null) {
            double pts = f.ptsSeconds();
            if (pts < from - Sorted.EPS || (!Double.isNaN(fedPts) && pts <= fedPts)) {
                continue; // leading pictures of an open GOP, or a repeated timestamp
            }
            while (m < last && pts > at.leg.limit() + Sorted.EPS) {
                at = new InLeg(legs[++m]); // past a leg's closing I-frame: on into the next leg
            }
            double limit = at.leg.limit();
            if (m == last && (pts > limit + Sorted.EPS || !at.testing() && pts > at.stop + Sorted.EPS)) {
                reachedEnd = false;
                break;
            }
            fedPts = pts;
            fedHere++;
            boolean atLimit = pts >= limit - Sorted.EPS;
            feed(f, cand, fedHere == 1 && boundary || m == last && atLimit && pts >= at.stop - Sorted.EPS);
            if (stopped) {
                reachedEnd = false;
                break;
            }
            if (at.testing() && pts >= at.target - Sorted.EPS && !atLimit) {
                if (at.tested++ % ClosingKeyFrame.TEST_EVERY_FRAMES != 0 || at.leg.closing().differs(f)) {
                    at.stop = limit;
                    continue; // still changing towards the closing I-frame
                }
                at.matched = true;
                at.target = pts;
                at.stop = pts;
            }
            // boundary rules, and after a match (the cut just before it may still be held back): a
            // detector still holding frames back decodes on (see the class comment)
            boolean undecided = (at.matched || !Double.isNaN(boundaryCutScore)) && !detector.settled();
            if (pts >= at.stop - Sorted.EPS && undecided && !atLimit && at.beyond == 0) {
                at.stop = limit;
            }
            if (pts >= at.stop - Sorted.EPS
                    || at.stop > at.target && (!undecided || ++at.beyond > 2L * detector.maxDelayFrames())) {
                if (m < last && atLimit) {
                    continue; // at a leg's closing I-frame: on into the next leg
                }
                endOfStream = false;
                return m < last ? m : -1; // no need to decode the next frame
            }
        }
        endOfStream = reachedEnd;
        return -1;
    }

    /** Where {@link #feedFrom} stands in the leg it feeds. */
    private static final class InLeg {
        final Leg leg;
        /** Decoded at least this far; past it while the frames differ from the closing I-frame. */
        double target;
        /** Where feeding stops unless a rule moves it. */
        double stop;
        /** Frames fed past the target while decoding on for the detector. */
        long beyond;
        /** Frames from the target on while testing them against the closing I-frame. */
        long tested;
        /** The leg's frames stopped differing from its closing I-frame. */
        boolean matched;

        InLeg(Leg leg) {
            this.leg = leg;
            this.target = leg.end();
            this.stop = target;
        }

        /** Whether frames are still tested against the closing I-frame. */
        boolean testing() {
            return leg.closing() != null && !matched;
        }
    }
}
