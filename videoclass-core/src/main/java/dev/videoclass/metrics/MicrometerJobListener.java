package dev.videoclass.metrics;

import dev.videoclass.Verdict;
import dev.videoclass.jobs.Job;
import dev.videoclass.jobs.JobListener;
import dev.videoclass.jobs.JobTimings;
import dev.videoclass.jobs.VideoJobs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Objects;

/**
 * Publishes job events to Micrometer (an optional dependency: applications without Micrometer never
 * load this class and pay nothing):
 * <ul>
 *   <li>{@code videoclass.jobs.submitted} (counter);</li>
 *   <li>{@code videoclass.jobs.finished} (counter, tags {@code status} and {@code error} — the
 *       verdict's error code or {@code none});</li>
 *   <li>{@code videoclass.jobs.queued} and {@code videoclass.jobs.run} (timers, tag {@code status}):
 *       time waiting for a worker and time classifying;</li>
 *   <li>{@code videoclass.stage} (timer, tag {@code stage} = {@code probe}, {@code decode},
 *       {@code score}): the verdict's own stage timings;</li>
 *   <li>{@code videoclass.jobs.waiting} and {@code videoclass.jobs.active} (gauges), through
 *       {@link #bindGauges}.</li>
 * </ul>
 * Thread safe; give one instance to {@link VideoJobs.Builder#listener}.
 */
public final class MicrometerJobListener implements JobListener {
    private final MeterRegistry registry;
    private final Counter submitted;

    /** Meters go to {@code registry}. */
    public MicrometerJobListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.submitted = Counter.builder("videoclass.jobs.submitted").description("jobs accepted").register(registry);
    }

    /** Registers the queue-depth and active-job gauges of {@code jobs} (held weakly by Micrometer). */
    public static void bindGauges(VideoJobs jobs, MeterRegistry registry) {
        Gauge.builder("videoclass.jobs.waiting", jobs, VideoJobs::waitingJobs).description("jobs waiting for a worker")
                .register(registry);
        Gauge.builder("videoclass.jobs.active", jobs, VideoJobs::activeJobs).description("jobs being classified")
                .register(registry);
    }

    @Override
    public void onQueued(Job job) {
        submitted.increment();
    }

    @Override
    public void onFinished(Job job, Verdict verdict, JobTimings timings) {
        String status = job.status().code();
        String error = verdict.error() == null ? "none" : verdict.error().code().code();
        Counter.builder("videoclass.jobs.finished").tag("status", status).tag("error", error).register(registry).increment();
        if (timings != null) {
            Timer.builder("videoclass.jobs.queued").tag("status", status).register(registry)
                    .record(Duration.ofMillis(timings.queuedMs()));
            Timer.builder("videoclass.jobs.run").tag("status", status).register(registry)
                    .record(Duration.ofMillis(timings.runMs()));
        }
        Verdict.Timings t = verdict.timingsMs();
        if (t != null) {
            stage("probe", t.probe());
            stage("decode", t.decode());
            stage("score", t.score());
        }
    }

    private void stage(String stage, long ms) {
        Timer.builder("videoclass.stage").tag("stage", stage).register(registry).record(Duration.ofMillis(ms));
    }
}
