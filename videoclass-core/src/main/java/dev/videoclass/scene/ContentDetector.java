package dev.videoclass.scene;

import dev.videoclass.Frame;
import dev.videoclass.SceneCut;

/**
 * Streaming hard-cut detector with the semantics of PySceneDetect's {@code ContentDetector} (default
 * weights, edge channel off), the reference behaviour for exact scene detection.
 *
 * <p><b>Content value.</b> Each frame is converted to HSV exactly as OpenCV's
 * {@code cvtColor(..., COLOR_BGR2HSV)} does for 8-bit images (the same fixed-point tables and
 * rounding, so H is 0–179 and S, V are 0–255). The content value of a frame is the mean over the
 * three channels of the mean absolute difference to the previous frame's channel, a number on a
 * 0–255 scale (the first frame's value is 0).
 *
 * <p><b>Cuts.</b> A frame is <em>above threshold</em> when its content value is {@code >= threshold}
 * (default 27). The minimum scene length is enforced by PySceneDetect's flash filter:
 * <ul>
 *   <li>{@link FilterMode#MERGE} (PySceneDetect's default since 0.6.4): a cut is reported at an
 *       above-threshold frame that comes at least {@code minSceneLen} after the last
 *       above-threshold frame (the very first frame counts as the initial reference, so the first
 *       scene is at least {@code minSceneLen} long). Above-threshold frames that come sooner (flashes,
 *       fast cutting) are merged: once at least one cut has been reported, a run of them that
 *       itself spans at least {@code minSceneLen} produces one cut at its <em>last</em> above-threshold
 *       frame, reported {@code minSceneLen} later when the run is over. So a cut can be returned by a
 *       later {@link #feed} call than the frame it belongs to; its timestamp is always the first frame
 *       of the new scene. A merge still pending at the end of the stream is dropped, as in
 *       PySceneDetect.</li>
 *   <li>{@link FilterMode#SUPPRESS}: a cut at an above-threshold frame at least {@code minSceneLen}
 *       after the last reported cut; sooner ones are ignored. Used on sequences of I-frames, where
 *       nearly every element may be above threshold and MERGE would never see the below-threshold
 *       frame it waits for.</li>
 * </ul>
 * The minimum length is counted either in frames fed ({@link #ContentDetector(double, int, FilterMode)},
 * PySceneDetect's integer {@code min_scene_len}, robust against variable frame rate) or in seconds of
 * presentation time ({@link #inSeconds}).
 *
 * <p><b>Cost.</b> One integer pass per frame over the packed RGB bytes, no allocation per frame: the
 * two HSV planes are allocated on the first frame and reallocated only when the frame size changes
 * (which also restarts the comparison: the first frame of a new size has content value 0).
 *
 * <p>Not thread safe: one instance per video stream.
 */
public final class ContentDetector {

    /** How cuts closer than the minimum scene length are handled (PySceneDetect's FlashFilter modes). */
    public enum FilterMode {
        /** Merge consecutive close cuts (PySceneDetect's default). */
        MERGE,
        /** Ignore cuts until the minimum length since the last cut has passed. */
        SUPPRESS
    }

    /** PySceneDetect's default threshold on the 0–255 content value. */
    public static final double DEFAULT_THRESHOLD = 27.0;
    /** PySceneDetect's default minimum scene length in frames. */
    public static final int DEFAULT_MIN_SCENE_LEN = 15;

    private static final int HSV_SHIFT = 12;
    private static final int HSV_ROUND = 1 << (HSV_SHIFT - 1);
    /** OpenCV's {@code sdiv_table}: round((255 << 12) / v). */
    private static final int[] SDIV = new int[256];
    /** OpenCV's {@code hdiv_table180}: round((180 << 12) / (6 * diff)). */
    private static final int[] HDIV = new int[256];
    /** Tolerance when comparing presentation times, seconds. */
    private static final double PTS_EPS = 1e-6;

    static {
        for (int i = 1; i < 256; i++) {
            // OpenCV's saturate_cast<int>(double) rounds half to even; no entry here is a tie.
            SDIV[i] = (int) Math.rint((255 << HSV_SHIFT) / (1.0 * i));
            HDIV[i] = (int) Math.rint((180 << HSV_SHIFT) / (6.0 * i));
        }
    }

    private final double threshold;
    private final double minLen;
    private final boolean lengthInSeconds;
    private final FilterMode mode;

    private byte[] prevHsv;
    private byte[] curHsv;
    private int width;
    private int height;
    private boolean hasPrev;
    private long framesFed;
    private double lastScore;
    private double lastHue;
    private double lastSat;
    private double lastVal;

    // flash filter state
    private boolean started;
    private double lastAbovePos;
    private double lastAbovePts;
    private double lastAboveScore;
    private boolean mergeEnabled;
    private boolean mergeTriggered;
    private double mergeStart;
    // resumed after a gap (see resume): the history is decided on the first comparison
    private boolean resumed;
    private boolean resumeCutBefore;
    private boolean awaitingHistory;
    private boolean lastFedAbove;

    /** PySceneDetect defaults: threshold 27, minimum scene length 15 frames, MERGE. */
    public ContentDetector() {
        this(DEFAULT_THRESHOLD, DEFAULT_MIN_SCENE_LEN, FilterMode.MERGE);
    }

    /** Threshold and minimum scene length in frames, MERGE filter. */
    public ContentDetector(double threshold, int minSceneLenFrames) {
        this(threshold, minSceneLenFrames, FilterMode.MERGE);
    }

    /**
     * @param threshold          cut threshold on the 0–255 content value (must be positive)
     * @param minSceneLenFrames  shortest scene in frames fed; 0 disables the filter
     * @param mode               how close cuts are filtered
     */
    public ContentDetector(double threshold, int minSceneLenFrames, FilterMode mode) {
        this(threshold, minSceneLenFrames, false, mode);
    }

    private ContentDetector(double threshold, double minLen, boolean inSeconds, FilterMode mode) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive: " + threshold);
        }
        if (!(minLen >= 0)) {
            throw new IllegalArgumentException("minimum scene length must not be negative: " + minLen);
        }
        if (mode == null) {
            throw new IllegalArgumentException("filter mode is required");
        }
        this.threshold = threshold;
        this.minLen = minLen;
        this.lengthInSeconds = inSeconds;
        this.mode = mode;
    }

    /**
     * A detector whose minimum scene length is measured in seconds of presentation time, for
     * streams whose frames are not consecutive (key frames only).
     */
    public static ContentDetector inSeconds(double threshold, double minSceneLenS, FilterMode mode) {
        return new ContentDetector(threshold, minSceneLenS, true, mode);
    }

    /** The threshold on the 0–255 content value. */
    public double threshold() {
        return threshold;
    }

    /**
     * Processes the next frame in presentation order and returns the cut it completes, or
     * {@code null}. The cut's timestamp is that of the first frame of the new scene: normally this
     * frame, or an earlier one when a merged run of close cuts ends (see the class comment). Its
     * strength is the content value of that frame. The frame is only read.
     */
    public SceneCut feed(Frame frame) {
        double score = computeScore(frame);
        double pos = lengthInSeconds ? frame.ptsSeconds() : (double) framesFed;
        framesFed++;
        return filter(pos, frame.ptsSeconds(), score, score >= threshold);
    }

    /** Content value (0–255) of the frame last given to {@link #feed}; 0 for the first frame. */
    public double lastScore() {
        return lastScore;
    }

    /** Mean absolute hue difference (0–179 scale) of the last frame fed. */
    public double lastDeltaHue() {
        return lastHue;
    }

    /** Mean absolute saturation difference (0–255) of the last frame fed. */
    public double lastDeltaSat() {
        return lastSat;
    }

    /** Mean absolute value (brightness) difference (0–255) of the last frame fed. */
    public double lastDeltaVal() {
        return lastVal;
    }

    /** Number of frames given to {@link #feed} since construction or {@link #reset()}. */
    public long framesFed() {
        return framesFed;
    }

    /** Forgets the previous frame and the filter state (keeps the buffers). */
    public void reset() {
        hasPrev = false;
        framesFed = 0;
        lastScore = lastHue = lastSat = lastVal = 0;
        started = false;
        mergeEnabled = false;
        mergeTriggered = false;
        resumed = false;
        awaitingHistory = false;
        lastFedAbove = false;
    }

    /**
     * Like {@link #reset()}, for a stream that continues after frames that were not fed (a decode run
     * that starts at a key frame in the middle of a video). The frames before are unknown; the
     * filter guesses them from the first comparison (second frame fed): above threshold means the
     * content was already changing that fast (a busy stretch, already being merged when
     * {@code cutBefore}, as {@link FilterMode#MERGE} does once a cut has been reported); below means
     * no above-threshold frame within {@code minSceneLen} before, so the next above-threshold frame
     * is a cut. Either way, a busy stretch that runs into the fed frames is not reported as a cut at
     * their start.
     *
     * @param cutBefore whether a cut was reported before the gap (enables merging)
     */
    void resume(boolean cutBefore) {
        reset();
        resumed = true;
        resumeCutBefore = cutBefore;
    }

    /**
     * Counts {@code frames} frames that are not fed (decoding skipped them) towards the minimum scene
     * length; they are taken as below threshold.
     */
    void skip(long frames) {
        if (frames > 0 && started && !lengthInSeconds) {
            framesFed += frames;
        }
    }

    /**
     * Ends a stretch of fed frames that the stream continues past with more of the same content
     * ({@link FilterMode#MERGE}): a pending merge whose last fed frame was below threshold is
     * resolved as the following below-threshold frames would resolve it — one cut at the merge's last
     * above-threshold frame, when the merge spans at least the minimum length. After an
     * above-threshold last frame the busy stretch goes on and nothing is reported. Do not call at the
     * real end of a stream, where PySceneDetect drops a pending merge.
     *
     * @return the resolved cut, or {@code null}
     */
    SceneCut flush() {
        if (mode != FilterMode.MERGE || !mergeTriggered || lastFedAbove) {
            return null;
        }
        double eps = lengthInSeconds ? PTS_EPS : 0.0;
        if (lastAbovePos - mergeStart >= minLen - eps) {
            mergeTriggered = false;
            return new SceneCut(lastAbovePts, lastAboveScore);
        }
        return null;
    }

    /**
     * OpenCV's 8-bit RGB to HSV conversion of one pixel, packed as {@code h << 16 | s << 8 | v}
     * with h in 0–179. Exposed for tests and tools.
     */
    public static int hsv(int r, int g, int b) {
        int v = Math.max(r, Math.max(g, b));
        int vmin = Math.min(r, Math.min(g, b));
        int diff = v - vmin;
        int s = (diff * SDIV[v] + HSV_ROUND) >> HSV_SHIFT;
        int h;
        if (v == r) {
            h = g - b;
        } else if (v == g) {
            h = b - r + 2 * diff;
        } else {
            h = r - g + 4 * diff;
        }
        h = (h * HDIV[diff] + HSV_ROUND) >> HSV_SHIFT;
        if (h < 0) {
            h += 180;
        }
        return h << 16 | s << 8 | v;
    }

    /** Content value between two frames of the same size (allocates; for tests and tools). */
    public static double contentValue(Frame a, Frame b) {
        ContentDetector d = new ContentDetector(DEFAULT_THRESHOLD, 0, FilterMode.SUPPRESS);
        d.feed(a);
        d.feed(b);
        return d.lastScore();
    }

    private double computeScore(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        int n = w * h;
        if (curHsv == null || w != width || h != height) {
            curHsv = new byte[n * 3];
            prevHsv = new byte[n * 3];
            width = w;
            height = h;
            hasPrev = false;
        }
        byte[] src = frame.rgb();
        byte[] cur = curHsv;
        byte[] prev = prevHsv;
        int[] sdiv = SDIV;
        int[] hdiv = HDIV;
        long dh = 0;
        long ds = 0;
        long dv = 0;
        int len = n * 3;
        if (hasPrev) {
            for (int p = 0; p < len; p += 3) {
                int r = src[p] & 0xFF;
                int g = src[p + 1] & 0xFF;
                int b = src[p + 2] & 0xFF;
                int v = Math.max(r, Math.max(g, b));
                int diff = v - Math.min(r, Math.min(g, b));
                int s = (diff * sdiv[v] + HSV_ROUND) >> HSV_SHIFT;
                // OpenCV's branch-free selection: v == r ? g - b : v == g ? b - r + 2 diff : r - g + 4 diff
                int vr = -((v ^ r) - 1 >>> 31) ; // -1 when v == r, else 0
                int vg = -((v ^ g) - 1 >>> 31);
                int hh = (vr & (g - b)) + (~vr & ((vg & (b - r + 2 * diff)) + (~vg & (r - g + 4 * diff))));
                hh = (hh * hdiv[diff] + HSV_ROUND) >> HSV_SHIFT;
                hh += (hh >> 31) & 180;
                dh += Math.abs(hh - (prev[p] & 0xFF));
                ds += Math.abs(s - (prev[p + 1] & 0xFF));
                dv += Math.abs(v - (prev[p + 2] & 0xFF));
                cur[p] = (byte) hh;
                cur[p + 1] = (byte) s;
                cur[p + 2] = (byte) v;
            }
        } else {
            for (int p = 0; p < len; p += 3) {
                int c = hsv(src[p] & 0xFF, src[p + 1] & 0xFF, src[p + 2] & 0xFF);
                cur[p] = (byte) (c >> 16);
                cur[p + 1] = (byte) (c >> 8);
                cur[p + 2] = (byte) c;
            }
        }
        curHsv = prev;
        prevHsv = cur;
        if (!hasPrev) {
            hasPrev = true;
            lastHue = lastSat = lastVal = lastScore = 0;
            return 0;
        }
        lastHue = (double) dh / n;
        lastSat = (double) ds / n;
        lastVal = (double) dv / n;
        lastScore = (lastHue + lastSat + lastVal) / 3.0;
        return lastScore;
    }

    private SceneCut filter(double pos, double pts, double score, boolean above) {
        lastFedAbove = above;
        if (minLen <= 0) {
            return above ? new SceneCut(pts, score) : null;
        }
        if (!started) {
            started = true;
            lastAbovePos = pos;
            lastAbovePts = pts;
            lastAboveScore = score;
            awaitingHistory = resumed;
        } else if (awaitingHistory) {
            awaitingHistory = false;
            // lastAbove* still describe the first frame fed (position pos - 1 in frames)
            if (above) {
                // busy before the gap: the first frame was above threshold too
                mergeEnabled = resumeCutBefore;
                if (mode == FilterMode.MERGE && mergeEnabled) {
                    mergeTriggered = true;
                    mergeStart = lastAbovePos - minLen;
                }
            } else {
                // quiet before the gap: the next above-threshold frame meets the minimum length
                lastAbovePos -= minLen;
                mergeEnabled = resumeCutBefore;
            }
        }
        double eps = lengthInSeconds ? PTS_EPS : 0.0;
        boolean minLengthMet = pos - lastAbovePos >= minLen - eps;
        if (mode == FilterMode.SUPPRESS) {
            if (!(above && minLengthMet)) {
                return null;
            }
            lastAbovePos = pos;
            lastAbovePts = pts;
            lastAboveScore = score;
            return new SceneCut(pts, score);
        }
        if (above) {
            lastAbovePos = pos;
            lastAbovePts = pts;
            lastAboveScore = score;
        }
        if (mergeTriggered) {
            if (minLengthMet && !above && lastAbovePos - mergeStart >= minLen - eps) {
                mergeTriggered = false;
                return new SceneCut(lastAbovePts, lastAboveScore);
            }
            return null;
        }
        if (!above) {
            return null;
        }
        if (minLengthMet) {
            mergeEnabled = true;
            return new SceneCut(pts, score);
        }
        if (mergeEnabled) {
            mergeTriggered = true;
            mergeStart = pos;
        }
        return null;
    }
}
