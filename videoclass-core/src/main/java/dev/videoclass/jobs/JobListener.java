package dev.videoclass.jobs;

import dev.videoclass.Progress;
import dev.videoclass.Verdict;

/**
 * Hears about the life of every job of a {@link VideoJobs}: metrics, logs, pushing progress to a
 * client. Every method has a no-op default. Calls come from the submitting thread
 * ({@link #onQueued}), from worker threads (the others), or from the thread that cancels a queued job
 * or closes the service ({@link #onFinished}); implementations must be thread safe and quick, since
 * they run on those threads. For one job the calls come in order: {@code onQueued}, then, if it
 * starts, {@code onStarted} and any {@code onProgress}, and exactly one {@code onFinished}, called
 * before its {@link Job#verdict()} future completes. An exception thrown by a listener is logged and
 * ignored: it never changes or breaks a job.
 */
public interface JobListener {

    /** The job was accepted and waits for a worker. */
    default void onQueued(Job job) {
    }

    /** A worker started the job. */
    default void onStarted(Job job) {
    }

    /** The running job reported progress (throttled; see {@link dev.videoclass.ProgressListener}). */
    default void onProgress(Job job, Progress progress) {
    }

    /**
     * The job ended: {@link Job#status()} is terminal and {@code verdict} is its final verdict (failed,
     * with an error code, for {@link JobStatus#FAILED} and {@link JobStatus#CANCELLED}).
     */
    default void onFinished(Job job, Verdict verdict, JobTimings timings) {
    }
}
