package dev.videoclass.jobs;

/**
 * Thrown by {@link VideoJobs#submit} when a job cannot be accepted: the queue of waiting jobs is full
 * (backpressure: retry later, e.g. answer HTTP 429/503) or the service is closed. Nothing was queued.
 */
public final class RejectedJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the job was refused. */
    public enum Reason {
        /** The bounded queue holds as many waiting jobs as its capacity. */
        QUEUE_FULL,
        /** {@link VideoJobs#close()} has been called. */
        CLOSED
    }

    private final Reason reason;

    RejectedJobException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the job was refused. */
    public Reason reason() {
        return reason;
    }
}
