package dev.videoclass.jobs;

import dev.videoclass.Progress;
import dev.videoclass.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One video classification submitted to a {@link VideoJobs}: a thread-safe, live view of its
 * {@link #status()}, {@link #progress()}, timestamps and {@link #verdict()}. Created only by
 * {@link VideoJobs#submit}; every method may be called from any thread at any time.
 *
 * <p>Lifecycle: {@link JobStatus#QUEUED} → {@link JobStatus#RUNNING} → exactly one of
 * {@link JobStatus#DONE}, {@link JobStatus#FAILED}, {@link JobStatus#CANCELLED} (or QUEUED →
 * CANCELLED). The verdict future always completes normally once the job has ended, with the
 * classifier's verdict: {@code "done"} for DONE, {@code "failed"} with the error code for FAILED
 * (e.g. {@code timeout}) and CANCELLED ({@code cancelled}).
 *
 * <p>A job does not keep its input once it has ended, so a finished job held by a {@link JobStore}
 * costs its verdict (poster JPEG included) and little else.
 */
public final class Job {

    /** What {@link #requestCancel()} did. */
    enum CancelOutcome {
        /** The job was queued and is now CANCELLED; the caller must finish the cancellation. */
        DEQUEUED,
        /** The job is running; it will end CANCELLED once the worker sees the flag. */
        FLAGGED,
        /** The job had already ended; nothing changed. */
        TOO_LATE
    }

    private final String id = UUID.randomUUID().toString();
    private final Instant submittedAt;
    private final VideoJobs owner;
    private final CompletableFuture<Verdict> verdict = new CompletableFuture<>();

    // guarded by this; volatile so that readers need no lock
    private volatile JobStatus status = JobStatus.QUEUED;
    private volatile boolean cancelRequested;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile Progress progress = Progress.QUEUED;
    private volatile JobTimings timings;
    /** The queued work (it holds the input); cleared when the job starts or ends. */
    private Runnable task;

    Job(VideoJobs owner, Instant submittedAt) {
        this.owner = owner;
        this.submittedAt = submittedAt;
    }

    /** A random UUID in its canonical string form. */
    public String id() {
        return id;
    }

    /** Where the job stands now. */
    public JobStatus status() {
        return status;
    }

    /** How far the work has come: {@code queued} until a worker starts it, {@code done} once it ended. */
    public Progress progress() {
        return progress;
    }

    /**
     * The verdict, completing normally when the job ends — also for failed and cancelled jobs, whose
     * verdicts carry the error code; it never completes exceptionally for bad input. Each call returns
     * a new dependent future: completing or cancelling it does not affect the job (use {@link #cancel()}).
     */
    public CompletableFuture<Verdict> verdict() {
        return verdict.copy();
    }

    /**
     * Cancels the job. A queued job never starts: it ends {@link JobStatus#CANCELLED} at once. A
     * running job's cancellation flag is raised: the decoder stops at its next poll (or the classifier
     * at its next check, before or after the scoring batch) and the job ends CANCELLED with a failed
     * verdict coded {@code cancelled} — even if the work happens to complete meanwhile. Idempotent.
     *
     * @return true if the job had not ended, so it is or will be CANCELLED; false if it had already ended
     */
    public boolean cancel() {
        return owner.cancel(this, "the job was cancelled");
    }

    /** True once {@link #cancel()} (or closing the service) asked a queued or running job to stop. */
    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /** When the job was submitted (the {@link VideoJobs} clock). */
    public Instant submittedAt() {
        return submittedAt;
    }

    /** When a worker started the job; empty while queued and for a job cancelled while queued. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /** When the job ended; empty until then. */
    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** Waiting and working time; empty until the job has ended. */
    public Optional<JobTimings> timings() {
        return Optional.ofNullable(timings);
    }

    @Override
    public String toString() {
        return "Job[" + id + ", " + status.code() + ", " + progress.stage().code() + "]";
    }

    // ---- transitions, called by VideoJobs ----

    synchronized void task(Runnable t) {
        this.task = t;
    }

    synchronized Runnable task() {
        return task;
    }

    /** QUEUED → RUNNING; false if the job was cancelled meanwhile. */
    synchronized boolean start(Instant now) {
        if (status != JobStatus.QUEUED) {
            return false;
        }
        status = JobStatus.RUNNING;
        startedAt = now;
        task = null;
        return true;
    }

    synchronized CancelOutcome requestCancel() {
        if (status == JobStatus.QUEUED) {
            cancelRequested = true;
            status = JobStatus.CANCELLED;
            return CancelOutcome.DEQUEUED;
        }
        if (status == JobStatus.RUNNING) {
            cancelRequested = true;
            return CancelOutcome.FLAGGED;
        }
        return CancelOutcome.TOO_LATE;
    }

    void progress(Progress p) {
        this.progress = p;
    }

    /**
     * Records the end (status, time, timings, final progress) under the lock. For a running job the
     * outcome is CANCELLED whenever cancellation was requested, whatever {@code outcome} says.
     *
     * @return the status the job ended with
     */
    synchronized JobStatus end(JobStatus outcome, Instant now) {
        JobStatus s = cancelRequested ? JobStatus.CANCELLED : Objects.requireNonNull(outcome);
        status = s;
        finishedAt = now;
        Instant started = startedAt;
        long total = millis(submittedAt, now);
        timings = started == null ? new JobTimings(total, 0, total)
                : new JobTimings(millis(submittedAt, started), millis(started, now), total);
        progress = progress.withStage(Progress.Stage.DONE);
        task = null;
        return s;
    }

    /** Completes the verdict future; call outside any lock, after {@link #end}. */
    void complete(Verdict v) {
        verdict.complete(v);
    }

    private static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
