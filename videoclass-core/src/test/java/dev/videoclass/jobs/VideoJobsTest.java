package dev.videoclass.jobs;

import dev.videoclass.VerdictStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoclass.ColourScorer;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.ErrorCode;
import dev.videoclass.FakeVideo;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.Progress;
import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.spi.VideoDecoder;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoJobsTest {
    private static final int[] BLUE = {0, 0, 255};
    private static final int[] RED = {255, 0, 0};
    private static final int[] GREEN = {0, 200, 0};
    private static final VideoInput ANY = VideoInput.of(new byte[]{0});

    private final List<VideoJobs> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(VideoJobs::close);
        assertThat(liveJobThreads()).isEmpty();
    }

    // ---- helpers ----

    /** A 4-second video (40 frames, 4 keyframes) whose second keyframe is explicit. */
    private static FakeVideo fourSeconds() {
        return new FakeVideo(10, BLUE, RED, GREEN, BLUE);
    }

    private static VideoClassifier classifier(VideoDecoder decoder, ColourScorer scorer) {
        return VideoClassifier.builder().decoder(decoder).sampler(FakeVideo.readingSampler()).scorer(scorer).build();
    }

    private static VideoClassifier classifier(VideoDecoder decoder) {
        return classifier(decoder, new ColourScorer());
    }

    private VideoJobs jobs(VideoJobs.Builder b) {
        VideoJobs j = b.build();
        opened.add(j);
        return j;
    }

    private static Verdict await(Job job) throws Exception {
        return job.verdict().get(10, TimeUnit.SECONDS);
    }

    private static List<String> liveJobThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("videoclass-job-"))
                .map(Thread::getName).toList();
    }

    private static JsonNode withoutTimings(Verdict v) throws Exception {
        ObjectNode json = (ObjectNode) VerdictJson.reader().readTree(VerdictJson.toJson(v));
        json.remove("timings_ms");
        return json;
    }

    // ---- tests ----

    @Test
    void manyJobsOnFewWorkersGiveTheSameVerdictsAsSequentialClassify() throws Exception {
        int[][] palette = {BLUE, RED, GREEN, {250, 250, 250}, {10, 10, 10}};
        FakeVideo[] videos = new FakeVideo[8];
        for (int k = 0; k < videos.length; k++) {
            videos[k] = new FakeVideo(10, palette[k % 5], palette[(k + 1) % 5], palette[(k * 3 + 2) % 5]);
        }
        VideoDecoder byFirstByte = new VideoDecoder() {
            @Override
            public FrameSource open(VideoInput input, DecodeOptions options) throws VideoException {
                return videos[((VideoInput.BytesInput) input).bytes()[0]].open(input, options);
            }

            @Override
            public String id() {
                return "by-first-byte";
            }
        };
        VideoClassifier vc = classifier(byFirstByte);
        VideoJobs jobs = jobs(VideoJobs.builder(vc).workers(3).queueCapacity(64));
        List<Job> submitted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            submitted.add(jobs.submit(VideoInput.of(new byte[]{(byte) (i % videos.length)})));
        }
        for (int i = 0; i < submitted.size(); i++) {
            Job job = submitted.get(i);
            Verdict async = await(job);
            Verdict sync = vc.classify(VideoInput.of(new byte[]{(byte) (i % videos.length)}));
            assertThat(withoutTimings(async)).isEqualTo(withoutTimings(sync));
            assertThat(job.status()).isEqualTo(JobStatus.DONE);
            assertThat(job.progress()).isEqualTo(new Progress(Progress.Stage.DONE, 30, 3, 3));
            assertThat(UUID.fromString(job.id()).toString()).isEqualTo(job.id());
            assertThat(job.startedAt()).isPresent();
            assertThat(job.finishedAt()).isPresent();
            assertThat(jobs.job(job.id())).containsSame(job);
        }
        assertThat(submitted.stream().map(Job::id).distinct()).hasSize(40);
        assertThat(jobs.activeJobs()).isZero();
        assertThat(jobs.waitingJobs()).isZero();
    }

    @Test
    void aFullQueueRejectsWithTheMessageAndAcceptsAgainOnceThereIsRoom() throws Exception {
        GatedVideo gate = new GatedVideo(fourSeconds(), 0);
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(gate)).workers(1).queueCapacity(2));
        Job running = jobs.submit(ANY);
        gate.awaitHolding();
        Job q1 = jobs.submit(ANY);
        Job q2 = jobs.submit(ANY);
        assertThat(jobs.waitingJobs()).isEqualTo(2);
        assertThatThrownBy(() -> jobs.submit(ANY))
                .isInstanceOf(RejectedJobException.class)
                .hasMessageContaining("queue full: 2 jobs waiting")
                .extracting(e -> ((RejectedJobException) e).reason()).isEqualTo(RejectedJobException.Reason.QUEUE_FULL);
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(q1.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(q1.progress()).isEqualTo(Progress.QUEUED);
        gate.release.countDown();
        for (Job j : List.of(running, q1, q2)) {
            assertThat(await(j).isDone()).isTrue();
        }
        assertThat(await(jobs.submit(ANY)).isDone()).isTrue();
    }

    @Test
    void aCancelledQueuedJobNeverStarts() throws Exception {
        GatedVideo gate = new GatedVideo(fourSeconds(), 0);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(gate)).workers(1).listener(recording(events)));
        Job running = jobs.submit(ANY);
        gate.awaitHolding();
        Job queued = jobs.submit(ANY);
        assertThat(queued.cancel()).isTrue();
        assertThat(queued.status()).isEqualTo(JobStatus.CANCELLED);
        Verdict v = queued.verdict().getNow(null); // completed by cancel() itself
        assertThat(v).isNotNull();
        assertThat(v.status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(v.error().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(queued.startedAt()).isEmpty();
        assertThat(queued.timings()).hasValueSatisfying(t -> assertThat(t.runMs()).isZero());
        assertThat(queued.cancel()).isFalse(); // already ended
        assertThat(jobs.waitingJobs()).isZero();
        gate.release.countDown();
        assertThat(await(running).isDone()).isTrue();
        assertThat(gate.opened).hasValue(1); // the cancelled job never reached the decoder
        assertThat(events).contains("queued " + queued.id(), "finished " + queued.id() + " cancelled")
                .doesNotContain("started " + queued.id());
    }

    @Test
    void aQueuedJobEndsCancelledEvenWhenTheClassifierCannotDescribeTheFailure() throws Exception {
        GatedVideo gate = new GatedVideo(fourSeconds(), 0);
        VideoClassifier inner = classifier(gate);
        dev.videoclass.Classifier unhelpful = new dev.videoclass.Classifier() { // as a closed classifier may be
            @Override
            public Verdict classify(VideoInput input, java.util.function.BooleanSupplier cancelled,
                                    dev.videoclass.ProgressListener progress) {
                return inner.classify(input, cancelled, progress);
            }

            @Override
            public Verdict failure(ErrorCode code, String message) {
                throw new IllegalStateException("no worker process answered");
            }

            @Override
            public dev.videoclass.ClassifierSettings settings() {
                return inner.settings();
            }

            @Override
            public Verdict.ScorerInfo scorerInfo() {
                return inner.scorerInfo();
            }

            @Override
            public Verdict.RubricInfo rubricInfo() {
                return inner.rubricInfo();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        VideoJobs jobs = jobs(VideoJobs.builder(unhelpful).workers(1));
        Job running = jobs.submit(ANY);
        gate.awaitHolding();
        Job queued = jobs.submit(ANY);
        assertThat(queued.cancel()).isTrue();
        Verdict v = queued.verdict().getNow(null);
        assertThat(v).isNotNull();
        assertThat(v.error().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(jobs.waitingJobs()).isZero();
        gate.release.countDown();
        assertThat(await(running).isDone()).isTrue();
    }

    @Test
    void cancellingARunningJobStopsTheDecoderAtItsNextPoll() throws Exception {
        GatedVideo gate = new GatedVideo(fourSeconds(), 5);
        ColourScorer scorer = new ColourScorer();
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(gate, scorer)).workers(2));
        Job job = jobs.submit(ANY);
        gate.awaitHolding();
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.cancel()).isTrue();
        Verdict v = await(job);
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(v.status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(v.error().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(gate.cancelSeen).hasValue(1);
        assertThat(gate.closed).hasValue(1); // the source was released
        assertThat(job.progress().stage()).isEqualTo(Progress.Stage.DONE);
        assertThat(job.progress().keyframesScored()).isZero();
        assertThat(job.startedAt()).isPresent();
        assertThat(job.cancel()).isFalse();
        // the worker is free again
        gate.release.countDown();
        assertThat(await(jobs.submit(ANY)).isDone()).isTrue();
    }

    @Test
    void aJobOverItsTimeoutFailsWithTimeout() throws Exception {
        GatedVideo gate = new GatedVideo(fourSeconds(), 3); // never released
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(gate)).workers(1).jobTimeout(Duration.ofMillis(150)));
        assertThat(jobs.jobTimeout()).isEqualTo(Duration.ofMillis(150));
        Job job = jobs.submit(ANY);
        Verdict v = await(job);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(v.error().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(v.error().message()).contains("150 ms");
        assertThat(v.video()).isNotNull(); // what the probe found is kept
        assertThat(gate.cancelSeen).hasValue(1);
    }

    @Test
    void theDefaultJobTimeoutIsTheClassifiersDecodeTimeout() {
        VideoClassifier vc = VideoClassifier.builder().decoder(fourSeconds()).scorer(new ColourScorer())
                .limits(dev.videoclass.Limits.DEFAULTS.withDecodeTimeout(Duration.ofSeconds(7))).build();
        assertThat(jobs(VideoJobs.builder(vc)).jobTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void badInputEndsFailedWithItsCodeAndTheFutureCompletesNormally() throws Exception {
        FakeVideo video = fourSeconds();
        video.failOnOpen = new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a video");
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(video)).workers(1));
        Job job = jobs.submit(ANY);
        CompletableFuture<Verdict> f = job.verdict();
        Verdict v = f.get(10, TimeUnit.SECONDS);
        assertThat(f).isCompletedWithValue(v);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(v.error().code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void progressGoesThroughTheStagesInOrderAndCountsFramesAndKeyframes() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
        JobListener rec = recording(events);
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(fourSeconds())).workers(1).listener(new JobListener() {
            @Override
            public void onQueued(Job job) {
                rec.onQueued(job);
            }

            @Override
            public void onStarted(Job job) {
                rec.onStarted(job);
            }

            @Override
            public void onProgress(Job job, Progress p) {
                progress.add(p);
                assertThat(job.progress()).isEqualTo(p); // the job's view is updated before listeners hear
                rec.onProgress(job, p);
            }

            @Override
            public void onFinished(Job job, Verdict verdict, JobTimings timings) {
                rec.onFinished(job, verdict, timings);
            }
        }));
        Job job = jobs.submit(ANY);
        await(job);
        assertThat(progress).containsExactly(
                new Progress(Progress.Stage.PROBE, 0, 0, 0),
                new Progress(Progress.Stage.SAMPLING, 0, 0, 0),
                new Progress(Progress.Stage.SAMPLING, 32, 0, 0),
                new Progress(Progress.Stage.SAMPLING, 40, 0, 0),
                new Progress(Progress.Stage.SCORING, 40, 0, 4),
                new Progress(Progress.Stage.SCORING, 40, 4, 4),
                new Progress(Progress.Stage.DONE, 40, 4, 4));
        assertThat(events).first().isEqualTo("queued " + job.id());
        assertThat(events.get(1)).isEqualTo("started " + job.id());
        assertThat(events).last().isEqualTo("finished " + job.id() + " done");
        assertThat(events.subList(2, events.size() - 1)).allMatch(e -> e.startsWith("progress "));
        assertThat(job.progress()).isEqualTo(new Progress(Progress.Stage.DONE, 40, 4, 4));
    }

    @Test
    void finishedJobsAreForgottenAfterTheirTimeToLive() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(fourSeconds())).workers(1).clock(clock)
                .jobTtl(Duration.ofMinutes(10)));
        Job job = jobs.submit(ANY);
        await(job);
        assertThat(job.submittedAt()).isEqualTo(clock.instant());
        assertThat(job.finishedAt()).contains(clock.instant());
        assertThat(job.timings()).contains(new JobTimings(0, 0, 0));
        clock.advance(Duration.ofMinutes(9));
        assertThat(jobs.job(job.id())).containsSame(job);
        clock.advance(Duration.ofMinutes(1));
        assertThat(jobs.job(job.id())).isEmpty(); // expired lazily on access
        assertThat(jobs.job("no-such-id")).isEmpty();
    }

    @Test
    void theStoreExpiresOnlyFinishedJobsOlderThanItsTtl() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryJobStore store = new InMemoryJobStore(Duration.ofMinutes(15), clock);
        GatedVideo gate = new GatedVideo(fourSeconds(), 0);
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(gate)).workers(1).clock(clock).store(store));
        Job done = jobs.submit(ANY);
        gate.release.countDown();
        await(done);
        GatedVideo gate2 = new GatedVideo(fourSeconds(), 0);
        VideoJobs jobs2 = jobs(VideoJobs.builder(classifier(gate2)).workers(1).clock(clock).store(store));
        Job running = jobs2.submit(ANY);
        gate2.awaitHolding();
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.expire(clock.instant().plus(Duration.ofMinutes(14)))).isZero();
        assertThat(store.expire(clock.instant().plus(Duration.ofDays(1)))).isEqualTo(1); // never the running one
        assertThat(store.get(running.id())).containsSame(running);
        assertThat(store.get(done.id())).isEmpty();
        gate2.release.countDown();
        await(running);
    }

    @Test
    void theSweepForgetsExpiredJobsWithoutAnyoneAsking() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryJobStore store = new InMemoryJobStore(Duration.ofMinutes(1), clock);
        VideoJobs jobs = jobs(VideoJobs.builder(classifier(fourSeconds())).workers(1).clock(clock).store(store)
                .sweepInterval(Duration.ofMillis(10)));
        await(jobs.submit(ANY));
        clock.advance(Duration.ofMinutes(2));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.size() > 0 && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void listenerExceptionsNeverBreakAJob() throws Exception {
        JobListener broken = new JobListener() {
            @Override
            public void onQueued(Job job) {
                throw new IllegalStateException("queued");
            }

            @Override
            public void onStarted(Job job) {
                throw new IllegalStateException("started");
            }

            @Override
            public void onProgress(Job job, Progress progress) {
                throw new IllegalStateException("progress");
            }

            @Override
            public void onFinished(Job job, Verdict verdict, JobTimings timings) {
                throw new IllegalStateException("finished");
            }
        };
        VideoClassifier vc = classifier(fourSeconds());
        VideoJobs jobs = jobs(VideoJobs.builder(vc).workers(1).listener(broken));
        Job job = jobs.submit(ANY);
        Verdict v = await(job);
        assertThat(job.status()).isEqualTo(JobStatus.DONE);
        assertThat(withoutTimings(v)).isEqualTo(withoutTimings(vc.classify(ANY)));
        assertThat(job.progress().stage()).isEqualTo(Progress.Stage.DONE);
    }

    @Test
    void closeCancelsQueuedJobsAndLetsRunningOnesFinishWithinTheGrace() throws Exception {
        GatedVideo gate = new GatedVideo(fourSeconds(), 2);
        ColourScorer scorer = new ColourScorer();
        VideoJobs jobs = VideoJobs.builder(classifier(gate, scorer)).workers(1).closeGrace(Duration.ofSeconds(20)).build();
        Job running = jobs.submit(ANY);
        gate.awaitHolding();
        Job q1 = jobs.submit(ANY);
        Job q2 = jobs.submit(ANY);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(jobs::close);
        assertThat(await(q1).error().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(await(q2).error().code()).isEqualTo(ErrorCode.CANCELLED);
        assertThat(q1.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(jobs.isClosed()).isTrue();
        assertThatThrownBy(() -> jobs.submit(ANY)).isInstanceOf(RejectedJobException.class)
                .extracting(e -> ((RejectedJobException) e).reason()).isEqualTo(RejectedJobException.Reason.CLOSED);
        assertThat(closing).isNotDone(); // still waiting for the running job
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        gate.release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(running.status()).isEqualTo(JobStatus.DONE);
        assertThat(await(running).isDone()).isTrue();
        assertThat(gate.opened).hasValue(1);
        assertThat(liveJobThreads()).isEmpty();
        assertThat(scorer.closed).isFalse(); // the classifier is not owned by default
        assertThat(jobs.job(running.id())).containsSame(running); // still readable after close
        jobs.close(); // idempotent
    }

    @Test
    void closeCancelsRunningJobsAfterTheGraceAndClosesAnOwnedClassifier() throws Exception {
        GatedVideo gate = new GatedVideo(fourSeconds(), 2); // never released
        ColourScorer scorer = new ColourScorer();
        VideoJobs jobs = VideoJobs.builder(classifier(gate, scorer)).workers(2).closeGrace(Duration.ofMillis(50))
                .ownsClassifier(true).build();
        Job a = jobs.submit(ANY);
        Job b = jobs.submit(ANY);
        gate.awaitHolding();
        gate.awaitHolding();
        jobs.close();
        for (Job j : List.of(a, b)) {
            assertThat(j.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(await(j).error().code()).isEqualTo(ErrorCode.CANCELLED);
        }
        assertThat(gate.cancelSeen).hasValue(2);
        assertThat(gate.closed).hasValue(2);
        assertThat(liveJobThreads()).isEmpty();
        assertThat(scorer.closed).isTrue();
        assertThatThrownBy(() -> jobs.submit(ANY)).isInstanceOf(RejectedJobException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void builderRejectsNonsense() {
        VideoClassifier vc = classifier(fourSeconds());
        assertThatThrownBy(() -> VideoJobs.builder(vc).workers(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VideoJobs.builder(vc).queueCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VideoJobs.builder(vc).jobTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VideoJobs.builder(vc).closeGrace(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JobStatus.CANCELLED.code()).isEqualTo("cancelled");
        assertThat(Progress.Stage.SAMPLING.code()).isEqualTo("sampling");
    }

    /** A listener writing "queued ID", "started ID", "progress ID stage", "finished ID status". */
    private static JobListener recording(List<String> events) {
        return new JobListener() {
            @Override
            public void onQueued(Job job) {
                events.add("queued " + job.id());
            }

            @Override
            public void onStarted(Job job) {
                events.add("started " + job.id());
            }

            @Override
            public void onProgress(Job job, Progress p) {
                events.add("progress " + job.id() + " " + p.stage().code());
            }

            @Override
            public void onFinished(Job job, Verdict verdict, JobTimings timings) {
                assertThat(job.status().isTerminal()).isTrue();
                events.add("finished " + job.id() + " " + job.status().code());
            }
        };
    }
}
