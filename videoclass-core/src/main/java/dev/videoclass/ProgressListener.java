package dev.videoclass;

/**
 * Receives {@link Progress} reports from
 * {@link VideoClassifier#classify(VideoInput, java.util.function.BooleanSupplier, ProgressListener)}.
 *
 * <p>Reports arrive on the classifying thread, in stage order: {@code probe} (before the video is
 * opened), {@code sampling} (once the probe is done, then every {@link Progress#FRAMES_STEP} analysis
 * frames and once more with the final count), {@code scoring} (keyframes chosen, then scored) and
 * always a last {@code done}, also when the run fails. Implementations must be quick (they run on
 * the decoding thread) and thread safe if one listener serves concurrent runs. An exception thrown
 * by a listener is logged and ignored; it never changes the verdict.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores every report; the listener of the overloads without one. */
    ProgressListener NONE = progress -> {
    };

    /** Called for each report. */
    void onProgress(Progress progress);
}
