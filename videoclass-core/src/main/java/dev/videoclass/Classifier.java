package dev.videoclass;

import java.util.function.BooleanSupplier;

/**
 * Turns a video into one {@link Verdict}: what {@link dev.videoclass.jobs.VideoJobs},
 * {@link dev.videoclass.store.DedupingClassifier} and {@link dev.videoclass.store.Backfill} run, so
 * that they take the in-process {@link VideoClassifier} and the crash-isolated
 * {@code IsolatedVideoClassifier} alike.
 *
 * <p><b>Contract.</b> Implementations are thread safe: one instance serves concurrent calls.
 * {@link #classify} never throws for bad input: failures are verdicts with a stable
 * {@link ErrorCode}. <b>Ownership:</b> a classifier owns the scorer it was built with (or the worker
 * processes that host it) and releases it in {@link #close()}; everything that is handed a
 * classifier borrows it and never closes it, unless it is told to own it
 * ({@code VideoJobs.Builder.ownsClassifier(true)}).
 */
public interface Classifier extends AutoCloseable {

    /**
     * Classifies a video, polling {@code cancelled} while it works (a cancelled run returns a failed
     * verdict with {@link ErrorCode#CANCELLED}) and reporting how far it has come to {@code progress}
     * on the calling thread. Never throws for bad input.
     *
     * @param cancelled polled from the calling thread; must be cheap and thread safe
     * @param progress  the listener, or {@link ProgressListener#NONE}
     */
    Verdict classify(VideoInput input, BooleanSupplier cancelled, ProgressListener progress);

    /** Classifies a video. Never throws for bad input: failures are verdicts with status failed. */
    default Verdict classify(VideoInput input) {
        return classify(input, () -> false, ProgressListener.NONE);
    }

    /** Classifies a video, polling {@code cancelled}; see {@link #classify(VideoInput, BooleanSupplier, ProgressListener)}. */
    default Verdict classify(VideoInput input, BooleanSupplier cancelled) {
        return classify(input, cancelled, ProgressListener.NONE);
    }

    /**
     * A failed verdict exactly as {@link #classify} returns one for {@code code} (this classifier's
     * scorer and rubric, no video facts, zero timings): for callers that end work before it reaches
     * {@code classify}, e.g. a job cancelled while still queued.
     */
    default Verdict failure(ErrorCode code, String message) {
        return Verdict.failed(code, message).scorer(scorerInfo()).rubric(rubricInfo()).timings(Verdict.Timings.ZERO)
                .build();
    }

    /** The settings applied (sampling, limits, rubric, aggregator, poster). */
    ClassifierSettings settings();

    /** The limits applied, among them the wall-clock {@link Limits#decodeTimeout()}. */
    default Limits limits() {
        return settings().limits();
    }

    /** The scorer (id and execution provider) as this classifier's verdicts name it. */
    Verdict.ScorerInfo scorerInfo();

    /** The bound rubric (id and content hash) as this classifier's verdicts name it. */
    Verdict.RubricInfo rubricInfo();

    /** Releases what the classifier owns: its scorer, or its worker processes. */
    @Override
    void close();
}
