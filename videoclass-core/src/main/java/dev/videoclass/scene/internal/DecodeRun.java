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
     * Decodes every frame from {@code a} to {@code b} ({@code seek(a, ALL_FRAMES)}, seconds) through
     * the detector, and on up to {@code limit} while the boundary rules ask for it. With {@code cand}
     * its frames become representative candidates. Returns the number of frames analysed: none once
     * {@link #stopped()}.
     *
     * @param limit     where the run must stop (its closing I-frame, or infinity at the video's end)
     * @param afterSkip whether the first frame, an I-frame, follows frames skipped since the last one
     *                  fed (a boundary frame)
     */
    long decode(double a, double b, double limit, Candidates cand, boolean afterSkip) throws VideoException {
        if (stopped) {
            return 0;
        }
        source.seek(a, DecodeMode.ALL_FRAMES);
        open = true;
        long analysed = 0;
        double fedHere = Double.NaN;
        double stop = b;
        long beyond = 0; // frames fed past b while decoding on
        Frame f;
        boolean reachedEnd = true;
        while ((f = source.next()) != null) {
            double pts = f.ptsSeconds();
            if (pts < a - Sorted.EPS || (!Double.isNaN(fedHere) && pts <= fedHere)) {
                continue; // leading pictures of an open GOP, or a repeated timestamp
            }
            if (pts > stop + Sorted.EPS) {
                reachedEnd = false;
                break;
            }
            fedHere = pts;
            lastFed = pts;
            analysed++;
            SceneCut cut = detector.feed(f);
            if (cand != null) {
                cand.add(pts, sharpness.of(f), f.isKeyframe());
            }
            boolean held = cut == null && detector.lastScore() >= boundaryCutScore;
            boolean atLimit = pts >= limit - Sorted.EPS;
            if (cut != null) {
                add(cut);
            } else if (held && (analysed == 1 && afterSkip || atLimit && pts >= stop - Sorted.EPS)) {
                add(pts, detector.lastScore());
            }
            if (stopped) {
                reachedEnd = false;
                break;
            }
            // boundary rules: a detector still holding frames back decodes on (see the class comment)
            boolean undecided = !Double.isNaN(boundaryCutScore) && !detector.settled();
            if (pts >= stop - Sorted.EPS && undecided && !atLimit && beyond == 0) {
                stop = limit;
            }
            if (pts >= stop - Sorted.EPS || stop > b && (!undecided || ++beyond > 2L * detector.maxDelayFrames())) {
                reachedEnd = false;
                break; // no need to decode the next frame
            }
        }
        endOfStream = reachedEnd;
        return analysed;
    }
}
