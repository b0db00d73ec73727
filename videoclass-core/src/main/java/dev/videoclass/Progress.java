package dev.videoclass;


import java.util.Locale;
import java.util.Objects;

/**
 * A snapshot of how far one classification has come, reported to a {@link ProgressListener} and by
 * {@link dev.videoclass.jobs.Job#progress()}. Immutable and thread safe.
 *
 * @param stage           the stage now under way
 * @param framesDecoded   analysis frames read from the decoder so far (the frames scene detection
 *                        looks at; full-quality captures are not counted); reported in steps of
 *                        {@link #FRAMES_STEP} frames while sampling and exactly when sampling ends
 * @param keyframesScored keyframes whose scores are known; the scorer takes all keyframes in one
 *                        batch, so this goes from 0 to {@code keyframesTotal} in one step
 * @param keyframesTotal  keyframes chosen by the sampler, 0 until sampling has ended
 */
public record Progress(Stage stage, long framesDecoded, int keyframesScored, int keyframesTotal) {

    /** How many decoded frames lie between two {@link Stage#SAMPLING} reports (a throttle, not per frame). */
    public static final int FRAMES_STEP = 32;

    /** A job waiting for a worker: nothing done yet. */
    public static final Progress QUEUED = new Progress(Stage.QUEUED, 0, 0, 0);

    public Progress {
        Objects.requireNonNull(stage, "stage");
        if (framesDecoded < 0 || keyframesScored < 0 || keyframesTotal < 0 || keyframesScored > keyframesTotal) {
            throw new IllegalArgumentException("bad progress counts " + framesDecoded + ", " + keyframesScored
                    + " of " + keyframesTotal);
        }
    }

    /** The same counts at another stage. */
    public Progress withStage(Stage s) {
        return new Progress(s, framesDecoded, keyframesScored, keyframesTotal);
    }

    /**
     * Stages in the order they are entered. A run may end (at {@link #DONE}) from any stage: the
     * outcome is in the verdict, not here. Serialised as the lower-case {@link #code()}.
     */
    public enum Stage {
        /** Waiting in a job queue (only jobs report it). */
        QUEUED,
        /** Opening the video: probe and up-front limits. */
        PROBE,
        /** Reading analysis frames to find scenes and keyframes. */
        SAMPLING,
        /** Capturing the keyframes at full quality and scoring them. */
        SCORING,
        /** The run has ended, successfully or not. */
        DONE;

        /** The lower-case wire name, e.g. {@code "sampling"}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
