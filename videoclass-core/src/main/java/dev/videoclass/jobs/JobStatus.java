package dev.videoclass.jobs;


import java.util.Locale;

/**
 * Where a {@link Job} stands. A job starts {@link #QUEUED}, becomes {@link #RUNNING} when a worker
 * takes it, and ends in exactly one of the terminal states {@link #DONE}, {@link #FAILED} or
 * {@link #CANCELLED}, which never change again. Serialised as the lower-case {@link #code()}.
 */
public enum JobStatus {
    /** Waiting for a worker. */
    QUEUED,
    /** A worker is classifying the video. */
    RUNNING,
    /** Classified: the verdict's status is {@code "done"}. */
    DONE,
    /** Ended with a failed verdict (bad input, a limit, {@code timeout}, scorer failure, ...). */
    FAILED,
    /** Cancelled before it ended; its verdict failed with {@code cancelled}. */
    CANCELLED;

    /** The lower-case wire name, e.g. {@code "running"}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for {@link #DONE}, {@link #FAILED} and {@link #CANCELLED}. */
    public boolean isTerminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
