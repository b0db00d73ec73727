package dev.videoclass.scene.internal;

import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;
import dev.videoclass.spi.FrameSource;

/**
 * The I-frame that closes an interval AUTO decodes because its two I-frames differ, and the test of
 * whether a decoded frame still differs from it: a score of at least
 * {@link IntervalRules#REFINE_CANDIDATE_FACTOR} x the detector's {@code minCutScore()}, the bound
 * that marked the interval. Once a frame no longer differs, whatever changed between the two
 * I-frames has happened, and the rest of the interval is taken to hold no cut but at its closing
 * I-frame, as after an interval's last packet evidence ({@link Refinement}).
 *
 * <p>Each test feeds the kept I-frame and the frame through a fresh start of a
 * {@link SceneDetector.Stream#KEY_FRAMES} detector, which may be shared by the closing I-frames of
 * one refinement (each test resets it); frames of another size than the I-frame always differ.
 * Not thread safe.
 */
final class ClosingKeyFrame {
    /**
     * A leg tests one frame in this many against its closing I-frame, from its first one on: a test
     * feeds two frames through the detector, about 1.1 ms at 256 x 144 for the content detector, as
     * much as decoding a 360p frame, while a stop up to four frames late costs less than that
     * (0.16 s at 25 fps).
     */
    static final int TEST_EVERY_FRAMES = 5;

    private final Frame keyFrame;
    private final SceneDetector detector;
    private final double changedScore;

    private ClosingKeyFrame(Frame keyFrame, SceneDetector detector) {
        this.keyFrame = keyFrame;
        this.detector = detector;
        this.changedScore = IntervalRules.REFINE_CANDIDATE_FACTOR * detector.minCutScore();
    }

    /**
     * Decodes the I-frame at {@code pts} ({@link FrameSource#keyframe}, which leaves the source's
     * position unspecified) and keeps a copy; null when the source cannot decode it on its own.
     *
     * @param detector a {@link SceneDetector.Stream#KEY_FRAMES} detector used for nothing else than
     *                 the tests of closing I-frames, from the same thread
     */
    static ClosingKeyFrame decode(FrameSource source, double pts, SceneDetector detector) throws VideoException {
        Frame f = source.keyframe(pts);
        return f == null ? null : new ClosingKeyFrame(f.copy(), detector);
    }

    /** The I-frame's time, seconds. */
    double pts() {
        return keyFrame.ptsSeconds();
    }

    /** The I-frame (owned by this object: only read it). */
    Frame frame() {
        return keyFrame;
    }

    /** Bytes this object holds for the I-frame's pixels. */
    long bytes() {
        return keyFrame.rgb().length;
    }

    /** Whether {@code f} (only read, not kept) still differs from the closing I-frame. */
    boolean differs(Frame f) {
        if (f.width() != keyFrame.width() || f.height() != keyFrame.height()) {
            return true;
        }
        detector.reset();
        detector.feed(keyFrame);
        detector.feed(f);
        return detector.lastScore() >= changedScore;
    }
}
