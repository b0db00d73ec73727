package dev.videoclass.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a {@link VideoJobs} keeps its jobs so that {@link VideoJobs#job(String)} can find them by id,
 * while they wait and run and for a while after they end. The default is {@link InMemoryJobStore}.
 * Implementations hold live {@link Job} objects (a store that also persists snapshots elsewhere must
 * still return the same instance for a job that has not ended) and must be thread safe: workers,
 * submitters and the expiry sweep call them concurrently.
 */
public interface JobStore {

    /** Adds a newly submitted job (replacing any job with the same id). */
    void put(Job job);

    /** The job with this id, unless unknown or expired. */
    Optional<Job> get(String id);

    /** Forgets the job with this id; true if it was held. */
    boolean remove(String id);

    /**
     * Forgets the finished jobs that have been kept long enough at {@code now}; never a job that has not
     * ended. Called periodically by {@link VideoJobs}.
     *
     * @return how many jobs were forgotten
     */
    int expire(Instant now);
}
