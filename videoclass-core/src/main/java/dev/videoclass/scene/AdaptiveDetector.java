package dev.videoclass.scene;

import dev.videoclass.Frame;
import dev.videoclass.SceneCut;

import java.util.ArrayList;
import java.util.List;

/**
 * PySceneDetect's {@code AdaptiveDetector}: a frame is a cut when its {@link HsvContentScore content
 * value} stands out from those of the frames around it, which holds up under camera motion — a pan
 * or zoom raises every frame's content value alike, a cut only its own.
 *
 * <p><b>Rule</b> (PySceneDetect's, with ContentDetector's default weights). Each frame's content
 * value is compared with the mean content value of the {@code windowWidth} frames before and the
 * {@code windowWidth} frames after it: the <em>adaptive ratio</em> is {@code value / mean}, capped at
 * {@value #MAX_RATIO}; when the mean is 0 (below 1e-5) the ratio is {@value #MAX_RATIO} if the value is
 * at least {@code minContentVal}, else 0. The frame is a cut when the ratio is at least
 * {@code adaptiveThreshold} and its value at least {@code minContentVal}, and the newest frame (the one
 * that completed the window, {@code windowWidth} frames after the candidate) is at least
 * {@code minSceneLen} after the last cut — the very first frame counts as the initial last cut. So a
 * cut is reported {@code windowWidth} frames after its frame, the first {@code windowWidth} frames of
 * a stream are never cuts (the first frame's value, 0, is part of the window), and neither are the
 * last {@code windowWidth}. PySceneDetect's other options (weights, {@code luma_only},
 * {@code kernel_size}) are not offered: the weights are the defaults, without edges.
 *
 * <p>Defaults are PySceneDetect's: adaptive threshold {@value #DEFAULT_ADAPTIVE_THRESHOLD}, window
 * width {@value #DEFAULT_WINDOW_WIDTH} frames, minimum content value
 * {@value #DEFAULT_MIN_CONTENT_VAL} (0–255), minimum scene length {@value #DEFAULT_MIN_SCENE_LEN}
 * frames.
 *
 * <p><b>Deliberate differences.</b> PySceneDetect has no counterpart for these; they serve AUTO, which
 * decodes stretches of a video rather than all of it, and key-frame streams:
 * <ul>
 *   <li>{@link #inSeconds}: the minimum scene length in seconds of presentation time, for key
 *       frames, counted from the last cut to the candidate itself: key frames are a second or more
 *       apart, and counting to the newest frame, {@code windowWidth} key frames later, would let
 *       cuts much closer than the minimum through. The window still counts frames fed.</li>
 *   <li>{@link #resume}: the first frame after the gap has no content value (its predecessor was not
 *       fed) and is left out of every window; the minimum length counts as met; a frame near the
 *       start of the stretch is judged on the neighbours the stretch has before it (fewer than
 *       {@code windowWidth}).</li>
 *   <li>{@link #flush}: the frames still waiting for their later neighbours are judged on the
 *       neighbours they have (the minimum length counted to the last frame fed).</li>
 *   <li>{@link #skip}: frames not fed count towards the minimum length; the window spans only frames
 *       fed.</li>
 * </ul>
 *
 * <p>Not thread safe: one instance per video stream.
 */
public final class AdaptiveDetector implements SceneDetector {

    /** PySceneDetect's default: the adaptive ratio a cut needs. */
    public static final double DEFAULT_ADAPTIVE_THRESHOLD = 3.0;
    /** PySceneDetect's default: frames on each side of a frame that it is compared with. */
    public static final int DEFAULT_WINDOW_WIDTH = 2;
    /** PySceneDetect's default: the content value (0–255) a cut needs, whatever its ratio. */
    public static final double DEFAULT_MIN_CONTENT_VAL = 15.0;
    /** PySceneDetect's default minimum scene length, frames. */
    public static final int DEFAULT_MIN_SCENE_LEN = 15;
    /** The adaptive ratio's cap, and its value when the neighbours did not change at all. */
    public static final double MAX_RATIO = 255.0;

    /** PySceneDetect's test for a mean of zero. */
    private static final double ZERO_MEAN = 1e-5;
    /** Tolerance when comparing presentation times, seconds. */
    private static final double PTS_EPS = 1e-6;

    private final double adaptiveThreshold;
    private final int window;
    private final double minContentVal;
    private final double minLen;
    private final boolean lengthInSeconds;
    private final HsvContentScore score = new HsvContentScore();
    // the last 2 * window + 1 scored frames, by absolute index i at i % capacity
    private final double[] pos;
    private final double[] pts;
    private final double[] values;

    private long framesSeen;
    private boolean started;
    /** Scored frames since reset or resume. */
    private int count;
    /** Lowest index that may be judged: window after reset (a full window), 0 after resume. */
    private int firstTarget;
    /** Index of the next frame to judge. */
    private int nextTarget;
    /** Skip the next frame's value: the first frame after resume has no predecessor. */
    private boolean unscored;
    private double lastCutPos;
    private double lastRatio;

    /** PySceneDetect defaults (see the class comment). */
    public AdaptiveDetector() {
        this(DEFAULT_ADAPTIVE_THRESHOLD, DEFAULT_WINDOW_WIDTH, DEFAULT_MIN_CONTENT_VAL, DEFAULT_MIN_SCENE_LEN);
    }

    /**
     * @param adaptiveThreshold the adaptive ratio a cut needs (positive)
     * @param windowWidth       frames on each side of a frame that it is compared with (at least 1)
     * @param minContentVal     the content value (0–255) a cut needs, at least 0
     * @param minSceneLenFrames shortest scene in frames fed; 0 disables the check
     */
    public AdaptiveDetector(double adaptiveThreshold, int windowWidth, double minContentVal, int minSceneLenFrames) {
        this(adaptiveThreshold, windowWidth, minContentVal, minSceneLenFrames, false);
    }

    private AdaptiveDetector(double adaptiveThreshold, int windowWidth, double minContentVal, double minLen,
                             boolean inSeconds) {
        if (!(adaptiveThreshold > 0)) {
            throw new IllegalArgumentException("adaptive threshold must be positive: " + adaptiveThreshold);
        }
        if (windowWidth < 1) {
            throw new IllegalArgumentException("window width must be at least 1: " + windowWidth);
        }
        if (!(minContentVal >= 0) || !(minLen >= 0)) {
            throw new IllegalArgumentException("minimum content value and scene length must not be negative");
        }
        this.adaptiveThreshold = adaptiveThreshold;
        this.window = windowWidth;
        this.minContentVal = minContentVal;
        this.minLen = minLen;
        this.lengthInSeconds = inSeconds;
        int capacity = 2 * windowWidth + 1;
        pos = new double[capacity];
        pts = new double[capacity];
        values = new double[capacity];
        reset();
    }

    /**
     * A detector whose minimum scene length is measured in seconds of presentation time, for
     * streams whose frames are not consecutive (key frames only).
     *
     * @param minSceneLenS shortest scene in seconds; 0 disables the check
     */
    public static AdaptiveDetector inSeconds(double adaptiveThreshold, int windowWidth, double minContentVal,
                                             double minSceneLenS) {
        return new AdaptiveDetector(adaptiveThreshold, windowWidth, minContentVal, minSceneLenS, true);
    }

    @Override
    public SceneCut feed(Frame frame) {
        double value = score.next(frame);
        double p = lengthInSeconds ? frame.ptsSeconds() : (double) framesSeen;
        framesSeen++;
        if (!started) {
            started = true;
            lastCutPos = unscored ? Double.NEGATIVE_INFINITY : p;
        }
        if (unscored) {
            unscored = false;
            return null;
        }
        int at = count % pos.length;
        pos[at] = p;
        pts[at] = frame.ptsSeconds();
        values[at] = value;
        count++;
        int target = count - 1 - window;
        if (target < firstTarget || target < nextTarget) {
            return null;
        }
        nextTarget = target + 1;
        return judge(target, count - 1, p);
    }

    /** The adaptive ratio of the frame judged last (0 before any). */
    public double lastRatio() {
        return lastRatio;
    }

    @Override
    public double lastScore() {
        return score.score();
    }

    /** The minimum content value: a frame below it is never a cut. */
    @Override
    public double minCutScore() {
        return minContentVal;
    }

    /** The window width: a cut is reported when the frames after it have been seen. */
    @Override
    public int maxDelayFrames() {
        return window;
    }

    /** The window width. */
    @Override
    public int contextFrames() {
        return window;
    }

    @Override
    public void reset() {
        score.reset();
        framesSeen = 0;
        started = false;
        count = 0;
        firstTarget = window;
        nextTarget = 0;
        unscored = false;
        lastRatio = 0;
    }

    /** See the class comment: the first frame is left out, the minimum length counts as met. */
    @Override
    public void resume(boolean cutBefore) {
        reset();
        firstTarget = 0;
        unscored = true;
    }

    @Override
    public void skip(long frames) {
        if (frames > 0 && started && !lengthInSeconds) {
            framesSeen += frames;
        }
    }

    /** Judges the frames still waiting for later neighbours on the neighbours they have. */
    @Override
    public List<SceneCut> flush() {
        List<SceneCut> cuts = new ArrayList<>(1);
        if (count == 0) {
            return cuts;
        }
        double newest = pos[(count - 1) % pos.length];
        for (int t = Math.max(nextTarget, firstTarget); t < count; t++) {
            SceneCut cut = judge(t, count - 1, newest);
            if (cut != null) {
                cuts.add(cut);
            }
        }
        nextTarget = count;
        return cuts;
    }

    /**
     * Judges frame {@code t} against its neighbours up to {@code window} either side, among the
     * scored frames up to index {@code last}; {@code newestPos} is the position the minimum length is
     * counted to.
     */
    private SceneCut judge(int t, int last, double newestPos) {
        int from = Math.max(Math.max(0, count - pos.length), t - window);
        int to = Math.min(last, t + window);
        double sum = 0;
        int n = 0;
        for (int i = from; i <= to; i++) {
            if (i != t) {
                sum += values[i % pos.length];
                n++;
            }
        }
        double value = values[t % pos.length];
        double mean = n == 0 ? 0 : sum / n;
        if (Math.abs(mean) >= ZERO_MEAN) {
            lastRatio = Math.min(value / mean, MAX_RATIO);
        } else {
            lastRatio = value >= minContentVal ? MAX_RATIO : 0.0;
        }
        double eps = lengthInSeconds ? PTS_EPS : 0.0;
        boolean thresholdMet = lastRatio >= adaptiveThreshold && value >= minContentVal;
        // frames: PySceneDetect counts to the newest frame; seconds: to the candidate itself
        double countedTo = lengthInSeconds ? pos[t % pos.length] : newestPos;
        boolean minLengthMet = countedTo - lastCutPos >= minLen - eps;
        if (!(thresholdMet && minLengthMet)) {
            return null;
        }
        lastCutPos = pos[t % pos.length];
        return new SceneCut(pts[t % pos.length], value);
    }
}
