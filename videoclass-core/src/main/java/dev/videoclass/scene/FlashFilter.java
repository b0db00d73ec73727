package dev.videoclass.scene;

import dev.videoclass.SceneCut;

/**
 * PySceneDetect's flash filter: turns a stream of above/below-threshold decisions into cuts that
 * respect a minimum scene length.
 *
 * <ul>
 *   <li>{@link Mode#MERGE} (PySceneDetect's default since 0.6.4): a cut is reported at an
 *       above-threshold frame that comes at least {@code minLength} after the last above-threshold
 *       frame (the very first frame counts as the initial reference, so the first scene is at least
 *       {@code minLength} long). Above-threshold frames that come sooner (flashes, fast cutting) are
 *       merged: once at least one cut has been reported, a run of them that itself spans at least
 *       {@code minLength} produces one cut at its <em>last</em> above-threshold frame, reported
 *       {@code minLength} later when the run is over. So a cut can come out of a later
 *       {@link #filter} call than the frame it belongs to; its timestamp is always the first frame of
 *       the new scene. A merge still pending at the end of the stream is dropped, as in
 *       PySceneDetect.</li>
 *   <li>{@link Mode#SUPPRESS}: a cut at an above-threshold frame at least {@code minLength} after
 *       the last reported cut; sooner ones are ignored. For sequences of key frames, where nearly
 *       every element may be above threshold and MERGE would never see the below-threshold frame it
 *       waits for.</li>
 * </ul>
 * The minimum length is counted either in frames ({@link #FlashFilter(Mode, int)}, PySceneDetect's
 * integer {@code min_scene_len}, robust against variable frame rate) or in seconds of presentation
 * time ({@link #inSeconds}).
 *
 * <p><b>Refinement.</b> AUTO decodes stretches of a video, not all of it; {@link #resume},
 * {@link #skip} and {@link #flush} let such stretches behave as much as possible as the same frames
 * would inside a full pass.
 *
 * <p>Not thread safe: one instance per stream.
 */
public final class FlashFilter {

    /** How cuts closer than the minimum scene length are handled (PySceneDetect's FlashFilter modes). */
    public enum Mode {
        /** Merge consecutive close cuts (PySceneDetect's default). */
        MERGE,
        /** Ignore cuts until the minimum length since the last cut has passed. */
        SUPPRESS
    }

    /** Tolerance when comparing presentation times, seconds. */
    private static final double PTS_EPS = 1e-6;

    private final Mode mode;
    private final double minLen;
    private final boolean lengthInSeconds;

    private long framesSeen;
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
    private boolean lastAbove;

    /**
     * @param mode              how close cuts are filtered
     * @param minSceneLenFrames shortest scene in frames given to {@link #filter}; 0 disables the filter
     */
    public FlashFilter(Mode mode, int minSceneLenFrames) {
        this(mode, minSceneLenFrames, false);
    }

    private FlashFilter(Mode mode, double minLen, boolean inSeconds) {
        if (!(minLen >= 0)) {
            throw new IllegalArgumentException("minimum scene length must not be negative: " + minLen);
        }
        if (mode == null) {
            throw new IllegalArgumentException("filter mode is required");
        }
        this.mode = mode;
        this.minLen = minLen;
        this.lengthInSeconds = inSeconds;
    }

    /**
     * A filter whose minimum scene length is measured in seconds of presentation time, for streams
     * whose frames are not consecutive (key frames only).
     *
     * @param minSceneLenS shortest scene in seconds; 0 disables the filter
     */
    public static FlashFilter inSeconds(Mode mode, double minSceneLenS) {
        return new FlashFilter(mode, minSceneLenS, true);
    }

    /** The filter mode. */
    public Mode mode() {
        return mode;
    }

    /** Whether the minimum length is in seconds (else in frames). */
    public boolean lengthInSeconds() {
        return lengthInSeconds;
    }

    /** The minimum scene length, in frames or seconds ({@link #lengthInSeconds()}). */
    public double minLength() {
        return minLen;
    }

    /**
     * Takes the decision for the next frame in presentation order and returns the cut it completes,
     * or {@code null}.
     *
     * @param ptsS  the frame's presentation time, seconds
     * @param score the frame's score, kept as the strength of a cut at it
     * @param above whether the frame is above the detector's threshold
     */
    public SceneCut filter(double ptsS, double score, boolean above) {
        double pos = lengthInSeconds ? ptsS : (double) framesSeen;
        framesSeen++;
        lastAbove = above;
        if (minLen <= 0) {
            return above ? new SceneCut(ptsS, score) : null;
        }
        if (!started) {
            started = true;
            lastAbovePos = pos;
            lastAbovePts = ptsS;
            lastAboveScore = score;
            awaitingHistory = resumed;
        } else if (awaitingHistory) {
            decideHistory(above);
        }
        double eps = lengthInSeconds ? PTS_EPS : 0.0;
        boolean minLengthMet = pos - lastAbovePos >= minLen - eps;
        if (mode == Mode.SUPPRESS) {
            if (!(above && minLengthMet)) {
                return null;
            }
            remember(pos, ptsS, score);
            return new SceneCut(ptsS, score);
        }
        if (above) {
            remember(pos, ptsS, score);
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
            return new SceneCut(ptsS, score);
        }
        if (mergeEnabled) {
            mergeTriggered = true;
            mergeStart = pos;
        }
        return null;
    }

    /** Forgets everything seen. */
    public void reset() {
        framesSeen = 0;
        started = false;
        mergeEnabled = false;
        mergeTriggered = false;
        resumed = false;
        awaitingHistory = false;
        lastAbove = false;
    }

    /**
     * Like {@link #reset()}, for a stream that continues after frames that were not filtered (a
     * decode run that starts at a key frame in the middle of a video). The frames before are
     * unknown; the filter guesses them from its second decision (the first comparison of two fed
     * frames): above threshold means the content was already changing that fast (a busy stretch,
     * already being merged when {@code cutBefore}, as {@link Mode#MERGE} does once a cut has been
     * reported); below means no above-threshold frame within {@code minLength} before, so the next
     * above-threshold frame is a cut. Either way, a busy stretch that runs into the fed frames is not
     * reported as a cut at their start.
     *
     * @param cutBefore whether a cut was reported before the gap (enables merging)
     */
    public void resume(boolean cutBefore) {
        reset();
        resumed = true;
        resumeCutBefore = cutBefore;
    }

    /**
     * Counts {@code frames} frames that are not filtered (decoding skipped them) towards the minimum
     * scene length; they are taken as below threshold. No effect with a length in seconds.
     */
    public void skip(long frames) {
        if (frames > 0 && started && !lengthInSeconds) {
            framesSeen += frames;
        }
    }

    /**
     * Ends a stretch of frames that the stream continues past with more of the same content
     * ({@link Mode#MERGE}): a pending merge whose last frame was below threshold is resolved as the
     * following below-threshold frames would resolve it — one cut at the merge's last
     * above-threshold frame, when the merge spans at least the minimum length. After an
     * above-threshold last frame the busy stretch goes on and nothing is reported. Do not call at the
     * real end of a stream, where PySceneDetect drops a pending merge.
     *
     * @return the resolved cut, or {@code null}
     */
    public SceneCut flush() {
        if (mode != Mode.MERGE || !mergeTriggered || lastAbove) {
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
     * Whether no cut is pending: with {@link Mode#MERGE}, no run of close above-threshold frames is
     * waiting for the frames that end it; always with {@link Mode#SUPPRESS}.
     */
    public boolean settled() {
        return !mergeTriggered;
    }

    /** The longest a cut can be reported after its frame, in frames: the minimum length for MERGE. */
    int maxDelayFrames() {
        if (mode == Mode.SUPPRESS) {
            return 0;
        }
        return lengthInSeconds ? Integer.MAX_VALUE : (int) Math.ceil(minLen);
    }

    /** The second decision after {@link #resume}: what the frames before the gap probably were. */
    private void decideHistory(boolean above) {
        awaitingHistory = false;
        // lastAbove* still describe the first frame (position pos - 1 in frames)
        mergeEnabled = resumeCutBefore;
        if (above) {
            // busy before the gap: the first frame was above threshold too
            if (mode == Mode.MERGE && mergeEnabled) {
                mergeTriggered = true;
                mergeStart = lastAbovePos - minLen;
            }
        } else {
            // quiet before the gap: the next above-threshold frame meets the minimum length
            lastAbovePos -= minLen;
        }
    }

    private void remember(double pos, double ptsS, double score) {
        lastAbovePos = pos;
        lastAbovePts = ptsS;
        lastAboveScore = score;
    }
}
