package dev.videoclass.jobs;

import dev.videoclass.ErrorCode;
import dev.videoclass.Progress;
import dev.videoclass.Verdict;
import dev.videoclass.Classifier;
import dev.videoclass.VideoInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs video classifications as asynchronous {@link Job}s on a fixed pool of worker threads with a
 * bounded queue: the "submit" half of embedding in a service ({@link Classifier#classify} stays
 * the synchronous call).
 *
 * <pre>{@code
 * try (VideoJobs jobs = VideoJobs.builder(classifier).workers(2).queueCapacity(32).build()) {
 *     Job job = jobs.submit(VideoInput.of(uploadBytes));        // returns at once, or throws RejectedJobException
 *     String id = job.id();                                     // hand it to the client
 *     ... jobs.job(id).map(Job::progress) ...                   // poll
 *     Verdict v = job.verdict().get(5, TimeUnit.MINUTES);       // or wait
 * }
 * }</pre>
 *
 * <p><b>Contract.</b> {@link #submit} never blocks and never queues without bound: when
 * {@link Builder#queueCapacity} jobs are already waiting it throws {@link RejectedJobException}
 * ({@code "queue full: N jobs waiting"}). Each job runs {@link Classifier#classify(VideoInput,
 * BooleanSupplier, dev.videoclass.ProgressListener)} on a worker with a cancellation flag that is
 * raised by {@link Job#cancel()}, by {@link #close()}, or when the job has run longer than
 * {@link Builder#jobTimeout} (it then ends {@link JobStatus#FAILED} with {@link ErrorCode#TIMEOUT}).
 * The timeout counts from the job's start, not its submission, on {@link System#nanoTime()}. A
 * decoder stops at its next poll of the flag; the one batched scoring call cannot be interrupted
 * and is followed by a check.
 *
 * <p><b>Ownership.</b> The classifier is shared, not owned: {@link #close()} leaves it open unless
 * the builder was told {@link Builder#ownsClassifier(boolean) ownsClassifier(true)}.
 *
 * <p><b>Threads.</b> Workers are named {@code videoclass-job-N} and are not daemon threads; idle
 * ones end after a minute and all of them end on {@link #close()}. The expiry sweep runs on one
 * daemon thread, {@code videoclass-job-sweeper}, also ended by {@code close()}. This class is thread
 * safe.
 */
public final class VideoJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoJobs.class);
    /** How long close() waits for cancelled running jobs to notice before interrupting the workers. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Classifier classifier;
    private final boolean ownsClassifier;
    private final int workers;
    private final int queueCapacity;
    private final Duration jobTimeout;
    private final Duration closeGrace;
    private final JobStore store;
    private final JobListener listener;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService sweeper;
    /** One permit per free place in the queue of waiting jobs. */
    private final Semaphore places;
    /** Jobs that have not ended. */
    private final Set<Job> active = ConcurrentHashMap.newKeySet();
    /** Every thread this instance started, joined by close() so that none outlives it. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private volatile boolean closed;

    private VideoJobs(Builder b) {
        this.classifier = b.classifier;
        this.ownsClassifier = b.ownsClassifier;
        this.workers = b.workers;
        this.queueCapacity = b.queueCapacity;
        this.jobTimeout = b.jobTimeout != null ? b.jobTimeout : classifier.limits().decodeTimeout();
        this.closeGrace = b.closeGrace;
        this.clock = b.clock;
        this.store = b.store != null ? b.store : new InMemoryJobStore(b.jobTtl, b.clock);
        this.listener = b.listener;
        this.places = new Semaphore(queueCapacity);
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "videoclass-job-" + n.incrementAndGet());
                    t.setDaemon(false);
                    threads.removeIf(old -> old.getState() == Thread.State.TERMINATED); // idle workers time out
                    threads.add(t);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "videoclass-job-sweeper");
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long every = b.sweepInterval.toMillis();
        s.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        this.sweeper = s;
        LOG.debug("job pool {}: {} workers, queue capacity {}, job timeout {}", pool, workers, queueCapacity, jobTimeout);
    }

    /** A builder for jobs run by {@code classifier}. */
    public static Builder builder(Classifier classifier) {
        return new Builder(classifier);
    }

    /**
     * Accepts a video for classification and returns its job at once; the job waits in the queue for
     * a free worker. A {@link VideoInput.StreamInput} is read on the worker thread, so keep its stream
     * open until the job has ended.
     *
     * @throws RejectedJobException when {@link Builder#queueCapacity} jobs are waiting
     *                              ({@link RejectedJobException.Reason#QUEUE_FULL}) or after {@link #close()}
     *                              ({@link RejectedJobException.Reason#CLOSED}); nothing was queued
     */
    public Job submit(VideoInput input) {
        Objects.requireNonNull(input, "input");
        if (closed) {
            throw closedException();
        }
        if (!places.tryAcquire()) {
            throw new RejectedJobException(RejectedJobException.Reason.QUEUE_FULL,
                    "queue full: " + queueCapacity + " jobs waiting; retry later");
        }
        Job job = new Job(this, clock.instant());
        Runnable task = () -> run(job, input);
        job.task(task);
        synchronized (lifecycle) {
            if (closed) {
                places.release();
                throw closedException();
            }
            active.add(job);
            store.put(job);
            notify(l -> l.onQueued(job), "onQueued", job);
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) { // not expected: the queue is unbounded and we are open
                active.remove(job);
                store.remove(job.id());
                places.release();
                throw new RejectedJobException(RejectedJobException.Reason.CLOSED, "the job pool refused the job: " + e);
            }
        }
        return job;
    }

    /** The job with this id, while it waits or runs and for the store's time to live after it ended. */
    public Optional<Job> job(String id) {
        return store.get(Objects.requireNonNull(id, "id"));
    }

    /** The classifier the jobs run on. */
    public Classifier classifier() {
        return classifier;
    }

    /** Jobs waiting for a worker now (at most the queue capacity). */
    public int waitingJobs() {
        return queueCapacity - places.availablePermits();
    }

    /** Jobs that have not ended: waiting and running. */
    public int activeJobs() {
        return active.size();
    }

    /** The per-job timeout applied. */
    public Duration jobTimeout() {
        return jobTimeout;
    }

    /** True once {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops accepting jobs, cancels the waiting ones (they end {@link JobStatus#CANCELLED} without
     * starting), waits up to {@link Builder#closeGrace} for running ones to finish, then cancels those
     * still running and waits up to 10 s more for their decoders to notice (interrupting the workers
     * after that), ends all threads, and closes the classifier if the builder said this pool owns it.
     * Jobs stay readable through {@link #job(String)}. Idempotent; blocks the calling thread.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (Job job : List.copyOf(active)) {
            if (job.status() == JobStatus.QUEUED) {
                cancel(job, "the job service closed before the job started");
            }
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Job> running = new ArrayList<>(active);
                LOG.info("cancelling {} job(s) still running {} after close", running.size(), closeGrace);
                for (Job job : running) {
                    cancel(job, "the job service closed while the job was running");
                }
                if (!executor.awaitTermination(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("job workers did not stop {} after cancellation; interrupting them", CANCEL_WAIT);
                    executor.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            for (Job job : List.copyOf(active)) {
                cancel(job, "the job service closed while the job was running");
            }
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            sweeper.shutdownNow();
            joinThreads();
            if (ownsClassifier) {
                classifier.close();
            }
        }
    }

    /** Waits (briefly) until the threads of a terminated pool have really ended, not just left their loops. */
    private void joinThreads() {
        boolean interrupted = false;
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue; // close() called from a listener on a worker
            }
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (t.isAlive()) {
                LOG.warn("thread {} is still running after close", t.getName());
            } else {
                threads.remove(t);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- internals ----

    private RejectedJobException closedException() {
        return new RejectedJobException(RejectedJobException.Reason.CLOSED, "the job service is closed");
    }

    /** Job.cancel() and close(). */
    boolean cancel(Job job, String reason) {
        switch (job.requestCancel()) {
            case DEQUEUED -> {
                Runnable task = job.task();
                if (task != null) {
                    executor.remove(task);
                }
                places.release();
                finish(job, JobStatus.CANCELLED, failure(ErrorCode.CANCELLED, reason));
                return true;
            }
            case FLAGGED -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void run(Job job, VideoInput input) {
        if (!job.start(clock.instant())) {
            return; // cancelled while queued; the canceller finished it
        }
        places.release();
        notify(l -> l.onStarted(job), "onStarted", job);
        long deadline = System.nanoTime() + jobTimeout.toNanos();
        AtomicBoolean timedOut = new AtomicBoolean();
        BooleanSupplier cancelled = () -> {
            if (job.isCancelRequested()) {
                return true;
            }
            if (!timedOut.get() && System.nanoTime() - deadline >= 0) {
                timedOut.set(true);
            }
            return timedOut.get();
        };
        Verdict v;
        JobStatus outcome;
        Error fatal = null;
        try {
            v = classifier.classify(input, cancelled, p -> {
                job.progress(p);
                notify(l -> l.onProgress(job, p), "onProgress", job);
            });
            if (timedOut.get() && !v.isDone() && isCode(v, ErrorCode.CANCELLED)) {
                v = withError(v, ErrorCode.TIMEOUT, "the job ran longer than its timeout of " + jobTimeout.toMillis() + " ms");
            }
            outcome = v.isDone() ? JobStatus.DONE : JobStatus.FAILED;
        } catch (RuntimeException | Error e) { // classify never throws for bad input: this is a bug
            LOG.error("job {} failed unexpectedly", job.id(), e);
            v = failure(ErrorCode.INTERNAL, "unexpected " + e);
            outcome = JobStatus.FAILED;
            fatal = e instanceof Error err ? err : null;
        }
        finish(job, outcome, v);
        if (fatal != null) {
            throw fatal; // the job has ended; let the pool replace this worker
        }
    }

    /** The classifier's failed verdict, or a bare one if even that fails: a job always ends. */
    private Verdict failure(ErrorCode code, String message) {
        try {
            return classifier.failure(code, message);
        } catch (RuntimeException e) {
            LOG.warn("the classifier could not describe a failure ({}): {}", code, e.toString());
            return Verdict.failed(code, message).timings(Verdict.Timings.ZERO).build();
        }
    }

    private void finish(Job job, JobStatus outcome, Verdict verdict) {
        JobStatus ended = job.end(outcome, clock.instant());
        Verdict v = verdict;
        if (ended == JobStatus.CANCELLED && !isCode(v, ErrorCode.CANCELLED)) {
            // cancellation was requested after the classifier's last check: the caller was promised CANCELLED
            v = withError(v, ErrorCode.CANCELLED, "the job was cancelled");
        }
        active.remove(job);
        JobTimings timings = job.timings().orElseThrow();
        Verdict last = v;
        notify(l -> l.onFinished(job, last, timings), "onFinished", job);
        job.complete(v);
        LOG.debug("job {} ended {} after {}", job.id(), ended.code(), timings);
    }

    private void sweep() {
        try {
            int n = store.expire(clock.instant());
            if (n > 0) {
                LOG.debug("forgot {} expired job(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("job store expiry failed", e);
        }
    }

    private void notify(Consumer<JobListener> call, String what, Job job) {
        if (listener == null) {
            return;
        }
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("job listener {} failed in {} for job {}; ignored", listener, what, job.id(), e);
        }
    }

    private static boolean isCode(Verdict v, ErrorCode code) {
        return v.error() != null && v.error().code() == code;
    }

    /** The same verdict failed with another error (keeps probe facts and timings). */
    private static Verdict withError(Verdict v, ErrorCode code, String message) {
        return Verdict.failed(code, message).durationS(v.durationS()).scorer(v.scorer()).rubric(v.rubric())
                .video(v.video()).timings(v.timingsMs()).build();
    }

    /**
     * Configures a {@link VideoJobs}. Defaults: one worker per available processor, a queue of 64
     * waiting jobs, the classifier's {@link dev.videoclass.Limits#decodeTimeout()} per job, an
     * {@link InMemoryJobStore} keeping finished jobs 15 minutes (swept every minute), no listener,
     * the system clock, 30 s grace on close, and a classifier that is not owned.
     */
    public static final class Builder {
        private final Classifier classifier;
        private boolean ownsClassifier;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int queueCapacity = 64;
        private Duration jobTimeout;
        private Duration closeGrace = Duration.ofSeconds(30);
        private Duration jobTtl = InMemoryJobStore.DEFAULT_TTL;
        private Duration sweepInterval = Duration.ofMinutes(1);
        private JobStore store;
        private JobListener listener;
        private Clock clock = Clock.systemUTC();

        private Builder(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
        }

        /** Whether {@link VideoJobs#close()} also closes the classifier (default false: the caller owns it). */
        public Builder ownsClassifier(boolean owns) {
            this.ownsClassifier = owns;
            return this;
        }

        /** Worker threads, i.e. jobs running at once (default: available processors, at least 1). */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = n;
            return this;
        }

        /** How many jobs may wait for a worker before {@link VideoJobs#submit} refuses more (default 64). */
        public Builder queueCapacity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1");
            }
            this.queueCapacity = n;
            return this;
        }

        /**
         * The longest a job may run, from its start (default: the classifier's
         * {@link dev.videoclass.Limits#decodeTimeout()}); a job over it ends FAILED with {@code timeout}.
         */
        public Builder jobTimeout(Duration d) {
            this.jobTimeout = positive(d, "jobTimeout");
            return this;
        }

        /** How long {@link VideoJobs#close()} lets running jobs finish before cancelling them (default 30 s; 0 cancels at once). */
        public Builder closeGrace(Duration d) {
            Objects.requireNonNull(d, "closeGrace");
            if (d.isNegative()) {
                throw new IllegalArgumentException("closeGrace must not be negative");
            }
            this.closeGrace = d;
            return this;
        }

        /** How long the default store keeps finished jobs (default 15 minutes); ignored with {@link #store}. */
        public Builder jobTtl(Duration d) {
            this.jobTtl = positive(d, "jobTtl");
            return this;
        }

        /** How often {@link JobStore#expire} is called (default every minute). */
        public Builder sweepInterval(Duration d) {
            this.sweepInterval = positive(d, "sweepInterval");
            return this;
        }

        /** Where jobs are kept (default an {@link InMemoryJobStore} on this builder's clock and {@link #jobTtl}). */
        public Builder store(JobStore s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        /** Hears about every job (default none). */
        public Builder listener(JobListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /** The clock of job timestamps and expiry (default the system UTC clock); not used for timeouts. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public VideoJobs build() {
            return new VideoJobs(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
