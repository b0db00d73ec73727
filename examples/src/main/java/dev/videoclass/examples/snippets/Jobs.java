package dev.videoclass.examples.snippets;

import dev.videoclass.Classifier;
import dev.videoclass.Progress;
import dev.videoclass.Verdict;
import dev.videoclass.VideoInput;
import dev.videoclass.jobs.Job;
import dev.videoclass.jobs.VideoJobs;
import dev.videoclass.metrics.MicrometerJobListener;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** Asynchronous classification jobs on a bounded pool, and their metrics. */
public final class Jobs {
    private Jobs() {
    }

    /** Submits one upload, looks at its progress and waits for its verdict. */
    public static Verdict submitAndWait(Classifier classifier, byte[] uploadBytes)
            throws InterruptedException, ExecutionException {
        // tag::jobs[]
        try (VideoJobs jobs = VideoJobs.builder(classifier)   // borrows the classifier; ownsClassifier(true) to close it too
                .workers(2).queueCapacity(32)                 // defaults: available processors, 64
                .jobTimeout(Duration.ofMinutes(2))            // default: the classifier's Limits decode timeout
                .build()) {
            Job job = jobs.submit(VideoInput.of(uploadBytes)); // at once; RejectedJobException "queue full: 32 jobs waiting"
            Optional<Progress> p = jobs.job(job.id()).map(Job::progress); // stage queued|probe|sampling|scoring|done
            return job.verdict().get();                        // completes normally, also for failed and cancelled jobs
        }
        // end::jobs[]
    }

    /** Jobs whose counts, timings and queue length go to a Micrometer registry. */
    public static VideoJobs withMetrics(Classifier classifier, MeterRegistry registry) {
        // tag::metrics[]
        VideoJobs jobs = VideoJobs.builder(classifier).listener(new MicrometerJobListener(registry)).build();
        MicrometerJobListener.bindGauges(jobs, registry);
        // end::metrics[]
        return jobs;
    }
}
