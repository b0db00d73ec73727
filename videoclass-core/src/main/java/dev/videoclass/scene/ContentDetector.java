package dev.videoclass.scene;

import dev.videoclass.Frame;
import dev.videoclass.SceneCut;

import java.util.List;

/**
 * PySceneDetect's {@code ContentDetector} (default weights, edge channel off), the reference
 * behaviour for exact scene detection: a frame whose {@link HsvContentScore content value} is at
 * least {@code threshold} is <em>above threshold</em>, and the {@link FlashFilter} turns those
 * frames into cuts at least a minimum scene length apart.
 *
 * <p>Defaults are PySceneDetect's: threshold {@value #DEFAULT_THRESHOLD} on the 0–255 content value,
 * minimum scene length {@value #DEFAULT_MIN_SCENE_LEN} frames, {@link FlashFilter.Mode#MERGE}. A
 * frame-size change restarts the comparison (the first frame of a new size has content value 0).
 *
 * <p>Not thread safe: one instance per video stream.
 */
public final class ContentDetector implements SceneDetector {

    /** PySceneDetect's default threshold on the 0–255 content value. */
    public static final double DEFAULT_THRESHOLD = 27.0;
    /** PySceneDetect's default minimum scene length, frames. */
    public static final int DEFAULT_MIN_SCENE_LEN = 15;

    private final double threshold;
    private final FlashFilter filter;
    private final HsvContentScore score = new HsvContentScore();

    /** PySceneDetect defaults: threshold 27, minimum scene length 15 frames, MERGE. */
    public ContentDetector() {
        this(DEFAULT_THRESHOLD, DEFAULT_MIN_SCENE_LEN, FlashFilter.Mode.MERGE);
    }

    /** Threshold and minimum scene length in frames, MERGE filter. */
    public ContentDetector(double threshold, int minSceneLenFrames) {
        this(threshold, minSceneLenFrames, FlashFilter.Mode.MERGE);
    }

    /**
     * @param threshold          cut threshold on the 0–255 content value (must be positive)
     * @param minSceneLenFrames  shortest scene in frames fed; 0 disables the filter
     * @param mode               how close cuts are filtered
     */
    public ContentDetector(double threshold, int minSceneLenFrames, FlashFilter.Mode mode) {
        this(threshold, new FlashFilter(mode, minSceneLenFrames));
    }

    private ContentDetector(double threshold, FlashFilter filter) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive: " + threshold);
        }
        this.threshold = threshold;
        this.filter = filter;
    }

    /**
     * A detector whose minimum scene length is measured in seconds of presentation time, for
     * streams whose frames are not consecutive (key frames only).
     */
    public static ContentDetector inSeconds(double threshold, double minSceneLenS, FlashFilter.Mode mode) {
        return new ContentDetector(threshold, FlashFilter.inSeconds(mode, minSceneLenS));
    }

    /** The threshold on the 0–255 content value. */
    public double threshold() {
        return threshold;
    }

    /**
     * Processes the next frame in presentation order and returns the cut it completes, or
     * {@code null}. The cut's timestamp is that of the first frame of the new scene: normally this
     * frame, or an earlier one when a merged run of close cuts ends (see {@link FlashFilter}). Its
     * strength is the content value of that frame. The frame is only read.
     */
    @Override
    public SceneCut feed(Frame frame) {
        double s = score.next(frame);
        return filter.filter(frame.ptsSeconds(), s, s >= threshold);
    }

    @Override
    public double lastScore() {
        return score.score();
    }

    /** Mean absolute hue difference (0–179 scale) of the last frame fed. */
    public double lastDeltaHue() {
        return score.deltaHue();
    }

    /** Mean absolute saturation difference (0–255) of the last frame fed. */
    public double lastDeltaSat() {
        return score.deltaSat();
    }

    /** Mean absolute value (brightness) difference (0–255) of the last frame fed. */
    public double lastDeltaVal() {
        return score.deltaVal();
    }

    /** The threshold: a frame below it is never a cut. */
    @Override
    public double minCutScore() {
        return threshold;
    }

    /** The minimum scene length in frames with MERGE, 0 with SUPPRESS. */
    @Override
    public int maxDelayFrames() {
        return filter.maxDelayFrames();
    }

    /** See {@link FlashFilter#settled()}. */
    @Override
    public boolean settled() {
        return filter.settled();
    }

    /** 0: each frame is judged against the one before it. */
    @Override
    public int contextFrames() {
        return 0;
    }

    /** Forgets the previous frame and the filter state (keeps the buffers). */
    @Override
    public void reset() {
        score.reset();
        filter.reset();
    }

    /** See {@link FlashFilter#resume}: the filter guesses the frames before from its first comparison. */
    @Override
    public void resume(boolean cutBefore) {
        score.reset();
        filter.resume(cutBefore);
    }

    /** See {@link FlashFilter#skip}. */
    @Override
    public void skip(long frames) {
        filter.skip(frames);
    }

    /** See {@link FlashFilter#flush}: at most one cut. */
    @Override
    public List<SceneCut> flush() {
        SceneCut cut = filter.flush();
        return cut == null ? List.of() : List.of(cut);
    }
}
