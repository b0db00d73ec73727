package dev.videoclass.ffmpeg;

import dev.videoclass.ErrorCode;
import dev.videoclass.VerdictStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.Progress;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.ffmpeg.testing.TestVideos.Codec;
import dev.videoclass.jobs.Job;
import dev.videoclass.jobs.JobListener;
import dev.videoclass.jobs.JobStatus;
import dev.videoclass.jobs.VideoJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs on real decoding: cancellation reaches FFmpeg's decode loop, and cancelled jobs leave nothing behind. */
class VideoJobsOnFfmpegTest {
    @TempDir
    static Path dir;
    static Path video;
    /** Frames in {@link #video}: 4 segments of 2 s at 30 fps. */
    static final int FRAMES = 240;

    @BeforeAll
    static void writeVideo() {
        video = TestVideos.video().size(320, 240).fps(30).segments(4, 2.0).codec(Codec.H264_MP4)
                .writeTo(dir.resolve("jobs.mp4"));
    }

    /** Every frame is decoded (EXACT), so a job is still decoding when the test cancels it. */
    static VideoClassifier classifier(FfmpegVideoDecoder decoder) {
        return VideoClassifier.builder().decoder(decoder).policy(SamplingPolicy.DEFAULTS.withMode(SamplerMode.EXACT))
                .build();
    }

    @Test
    void cancellingARunningJobStopsRealDecodingPromptly() throws Exception {
        CountDownLatch decoding = new CountDownLatch(1);
        CountDownLatch cancelIssued = new CountDownLatch(1);
        JobListener holdOnceDecoding = new JobListener() {
            @Override
            public void onProgress(Job job, Progress p) {
                // hold the worker (between two decoded frames) until the test has cancelled: no race with the end
                if (p.stage() == Progress.Stage.SAMPLING && p.framesDecoded() >= Progress.FRAMES_STEP
                        && decoding.getCount() > 0) {
                    decoding.countDown();
                    try {
                        cancelIssued.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (VideoClassifier vc = classifier(new FfmpegVideoDecoder());
             VideoJobs jobs = VideoJobs.builder(vc).workers(2).listener(holdOnceDecoding).build()) {
            Job job = jobs.submit(VideoInput.of(video));
            assertThat(decoding.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            long t0 = System.nanoTime();
            assertThat(job.cancel()).isTrue();
            cancelIssued.countDown();
            Verdict v = job.verdict().get(10, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(v.error().code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(v.error().message()).contains("decoding was cancelled"); // stopped inside the decoder
            assertThat(ms).as("ms from cancel() to the verdict").isLessThan(2000);
            assertThat(job.progress().framesDecoded()).isLessThan(FRAMES);
            assertThat(job.progress().keyframesScored()).isZero();
            // the same classifier still works
            Verdict again = jobs.submit(VideoInput.of(video)).verdict().get(60, TimeUnit.SECONDS);
            assertThat(again.status()).isEqualTo(VerdictStatus.DONE);
        }
    }

    @Test
    void twoHundredCancelledJobsLeaveNoNativeMemorySpoolFilesThreadsOrDescriptorsBehind() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        byte[] upload = Files.readAllBytes(video);
        JobListener cancelWhileDecoding = new JobListener() {
            @Override
            public void onProgress(Job job, Progress p) {
                if (p.stage() == Progress.Stage.SAMPLING && p.framesDecoded() >= Progress.FRAMES_STEP) {
                    job.cancel(); // the decoder sees it at its next poll
                }
            }
        };
        VideoClassifier vc = classifier(new FfmpegVideoDecoder(spool));
        // warm up (natives, code, metaspace), then measure what is not Java heap
        try (VideoJobs warm = VideoJobs.builder(vc).workers(4).listener(cancelWhileDecoding).build()) {
            for (int i = 0; i < 20; i++) {
                warm.submit(VideoInput.of(upload)).verdict().get(60, TimeUnit.SECONDS);
            }
        }
        long nativeBefore = nonHeapResidentBytes();
        long fdsBefore = openDescriptors();
        List<Job> submitted = new ArrayList<>();
        try (VideoJobs jobs = VideoJobs.builder(vc).workers(4).queueCapacity(256).listener(cancelWhileDecoding).build()) {
            for (int i = 0; i < 200; i++) {
                Job job = jobs.submit(VideoInput.of(upload));
                submitted.add(job);
                if (i % 2 == 0) {
                    job.cancel(); // mostly still queued: never starts
                }
            }
            for (Job job : submitted) {
                Verdict v = job.verdict().get(60, TimeUnit.SECONDS);
                assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
                assertThat(v.error().code()).isEqualTo(ErrorCode.CANCELLED);
            }
            assertThat(jobs.activeJobs()).isZero();
            assertThat(jobs.waitingJobs()).isZero();
            assertThat(submitted.stream().filter(j -> j.startedAt().isPresent()).count())
                    .as("jobs cancelled while running").isGreaterThanOrEqualTo(100);
            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left).as("spooled uploads").isEmpty();
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().startsWith("videoclass-job-"));
        if (fdsBefore >= 0) {
            assertThat(openDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fdsBefore + 8);
        }
        long nativeAfter = nonHeapResidentBytes();
        System.out.println("non-heap resident growth over 200 cancelled jobs: " + (nativeAfter - nativeBefore) / 1024 + " KiB");
        if (nativeBefore >= 0) {
            // a decoder context left behind per running job (frames, threads) would be megabytes each:
            // 100 of them would be hundreds of MB
            assertThat(nativeAfter - nativeBefore).as("resident memory outside the Java heap grew by")
                    .isLessThan(64L << 20);
        }
        // the classifier the jobs ran on still classifies
        assertThat(vc.classify(VideoInput.of(upload)).status()).isEqualTo(VerdictStatus.DONE);
        vc.close();
    }

    /** Resident set size minus the committed Java heap (Linux), or -1 where /proc is missing. */
    static long nonHeapResidentBytes() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isRegularFile(status)) {
            return -1;
        }
        System.gc();
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return kb * 1024 - Runtime.getRuntime().totalMemory();
            }
        }
        return -1;
    }

    /** Open file descriptors of this process (Linux), or -1 where /proc is missing. */
    private static long openDescriptors() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return s.count();
        }
    }
}
