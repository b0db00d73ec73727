package dev.videoclass.jobs;

/**
 * How long a finished job spent waiting and working, in milliseconds of the {@link VideoJobs}
 * clock. The verdict's own {@code timings_ms} break the working time down by stage.
 *
 * @param queuedMs from submission until a worker started it (until it was cancelled, if it never started)
 * @param runMs    from start until it ended; 0 when it never started
 * @param totalMs  from submission until it ended
 */
public record JobTimings(long queuedMs, long runMs, long totalMs) {
}
