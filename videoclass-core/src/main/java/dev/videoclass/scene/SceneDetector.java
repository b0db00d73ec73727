package dev.videoclass.scene;

import dev.videoclass.Frame;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SceneCut;

import java.util.List;

/**
 * A streaming hard-cut detector: frames go in, in presentation order; a score per frame and cut
 * decisions come out. {@link SceneSampler}'s passes — every frame, key frames only, AUTO's decoded
 * stretches, single key frames — are written against this interface alone, so a new detection
 * algorithm is a new implementation, not a new sampler. The built-in ones are {@link ContentDetector}
 * and {@link AdaptiveDetector}, chosen with {@link SamplingPolicy#detector()}.
 *
 * <p><b>Contract.</b> One instance per pass over one video, used from one thread; the sampler makes a
 * fresh one for each pass through a {@link Factory}. A frame passed to {@link #feed} is only read and
 * only during the call (the caller may reuse its pixel array). Scores are content values on the
 * 0–255 scale of {@link HsvContentScore}: the passes compare them between key frames. A cut's
 * timestamp is the presentation time, in seconds, of the first frame of the new scene; its strength
 * is that frame's score.
 *
 * <p><b>Example.</b> A detector that cuts wherever the brightness jumps, and a sampler that uses it:
 * <pre>{@code
 * final class BrightnessJump implements SceneDetector {
 *     private final HsvContentScore score = new HsvContentScore();
 *     private final FlashFilter filter = new FlashFilter(FlashFilter.Mode.SUPPRESS, 15);
 *
 *     public SceneCut feed(Frame frame) {
 *         score.next(frame);
 *         return filter.filter(frame.ptsSeconds(), score.score(), score.deltaVal() >= 40);
 *     }
 *     public double lastScore()   { return score.score(); }
 *     public double minCutScore() { return 40.0 / 3; } // a jump of 40 in V alone
 *     public int maxDelayFrames() { return 0; }        // SUPPRESS reports a cut at its frame
 *     public int contextFrames()  { return 0; }        // judges each frame against the one before
 *     public void reset()         { score.reset(); filter.reset(); }
 *     public void resume(boolean cutBefore) { score.reset(); filter.resume(cutBefore); }
 *     public void skip(long frames)         { filter.skip(frames); }
 *     public List<SceneCut> flush()         { return List.of(); }
 * }
 *
 * KeyframeSampler sampler = new SceneSampler((policy, stream, fps) -> new BrightnessJump());
 * }</pre>
 */
public interface SceneDetector {

    /** What a pass feeds its detector. */
    enum Stream {
        /** Consecutive decoded frames: a minimum scene length counts frames. */
        FRAMES,
        /**
         * Key frames only, usually a second or more apart: a minimum scene length counts seconds
         * ({@code minSceneLenFrames / fps}), and nearly every frame may differ from the one before.
         */
        KEY_FRAMES
    }

    /** Makes a fresh detector for one pass. Must be thread safe; {@link DetectorKind} is one. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param policy the sampling policy of the call (threshold, minimum scene length in frames)
         * @param stream what the pass will feed
         * @param fps    the video's frame rate, frames per second (30 when the source does not know)
         */
        SceneDetector create(SamplingPolicy policy, Stream stream, double fps);
    }

    /**
     * Processes the next frame in presentation order and returns the cut it completes, or
     * {@code null}. The cut may belong to an earlier frame, at most {@link #maxDelayFrames()} frames
     * back.
     */
    SceneCut feed(Frame frame);

    /** Content value (0–255) of the last frame fed against the one fed before it; 0 for the first. */
    double lastScore();

    /**
     * The smallest score a frame can have and still be a cut. AUTO uses it to judge pairs of key
     * frames that it compares outside the detector's stream.
     */
    double minCutScore();

    /** How many frames after its own frame a cut can be reported, at most. */
    int maxDelayFrames();

    /**
     * Whether every frame fed so far is decided: no cut can still be reported for any of them (none
     * is held back waiting for later frames). A refinement that ends a decoded stretch where its
     * detector is not settled may decode a few frames more so that the detector decides on real
     * frames. The default, true, suits detectors that decide each frame when it is fed.
     */
    default boolean settled() {
        return true;
    }

    /**
     * How many frames on each side of a frame its cut decision looks at: 0 for a detector that judges
     * each frame against the one before it alone. Such context is meaningless among key frames that
     * an encoder placed at cuts, so AUTO does not trust a key-frame pass of a detector with context.
     */
    int contextFrames();

    /** Forgets every frame fed: the next one is the first of a stream. */
    void reset();

    /**
     * Like {@link #reset()}, for a stream that continues after frames that were not fed (a decode
     * run that starts at a key frame in the middle of a video).
     *
     * @param cutBefore whether a cut was reported before the gap
     */
    void resume(boolean cutBefore);

    /** Counts {@code frames} frames that were not fed (decoding skipped them) as passed. */
    void skip(long frames);

    /**
     * Ends a stretch of fed frames that the video continues past: returns the cuts that more of the
     * same content would complete. Not called at the real end of a stream.
     */
    List<SceneCut> flush();
}
