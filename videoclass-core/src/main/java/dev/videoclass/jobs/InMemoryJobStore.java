package dev.videoclass.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The default {@link JobStore}: a concurrent map from id to job. Waiting and running jobs are kept;
 * a finished job is kept for a time to live (default {@link #DEFAULT_TTL}, 15 minutes) after
 * {@link Job#finishedAt()}, then forgotten by {@link #expire} or, lazily, by the {@link #get} that
 * finds it expired. Thread safe. Memory is bounded by the jobs submitted within one TTL (a
 * {@link VideoJobs} queue bounds the waiting ones).
 */
public final class InMemoryJobStore implements JobStore {
    /** How long a finished job is kept by default: 15 minutes. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    /** A store keeping finished jobs for 15 minutes of the system clock. */
    public InMemoryJobStore() {
        this(DEFAULT_TTL, Clock.systemUTC());
    }

    /**
     * @param ttl   how long a finished job is kept after it ended (positive)
     * @param clock the clock {@link #get} compares expiry times with (the one of the {@link VideoJobs}
     *              whose jobs this store holds, so that finish times and "now" agree)
     */
    public InMemoryJobStore(Duration ttl, Clock clock) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How long a finished job is kept. */
    public Duration ttl() {
        return ttl;
    }

    @Override
    public void put(Job job) {
        jobs.put(job.id(), job);
    }

    @Override
    public Optional<Job> get(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        if (expired(job, clock.instant())) {
            jobs.remove(id, job);
            return Optional.empty();
        }
        return Optional.of(job);
    }

    @Override
    public boolean remove(String id) {
        return jobs.remove(id) != null;
    }

    @Override
    public int expire(Instant now) {
        int[] removed = {0};
        jobs.values().removeIf(job -> {
            boolean e = expired(job, now);
            if (e) {
                removed[0]++;
            }
            return e;
        });
        return removed[0];
    }

    /** The number of jobs held, expired ones not yet forgotten included. */
    public int size() {
        return jobs.size();
    }

    private boolean expired(Job job, Instant now) {
        Optional<Instant> finished = job.finishedAt();
        return finished.isPresent() && !now.isBefore(finished.get().plus(ttl));
    }
}
