package dev.videoclass.ffmpeg;

import dev.videoclass.ErrorCode;
import dev.videoclass.Progress;
import dev.videoclass.ProgressListener;
import dev.videoclass.jobs.Job;
import dev.videoclass.jobs.VideoJobs;
import dev.videoclass.store.DedupingClassifier;
import dev.videoclass.store.InMemoryVerdictStore;
import dev.videoclass.VerdictStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Classification in worker processes: same verdicts as in-process, and a native crash costs one verdict. */
class IsolatedVideoClassifierTest {
    @TempDir
    static Path dir;
    static Path video;
    static IsolatedVideoClassifier isolated;

    @BeforeAll
    static void setUp() {
        video = TestVideos.video().size(160, 120).segments(3, 0.8).writeTo(dir.resolve("clip.mp4"));
        isolated = IsolatedVideoClassifier.builder().workers(2)
                .scorerFactory(WorkerScorerFactories.CrashingOnMarker.class.getName())
                .jvmOption("-D" + WorkerScorerFactories.CrashingOnMarker.CRASH_MARKER + "=" + dir.resolve("crash-next"))
                .jvmOption("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"))
                .jvmOption("-XX:-CreateCoredumpOnCrash")
                .build();
    }

    @AfterAll
    static void tearDown() {
        isolated.close();
    }

    private static String stable(Verdict v) throws Exception {
        ObjectNode json = (ObjectNode) VerdictJson.reader().readTree(VerdictJson.toJson(v));
        json.remove("timings_ms");
        return json.toString();
    }

    @Test
    void givesTheSameVerdictAsClassifyingInProcess() throws Exception {
        Verdict inProcess;
        try (VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build()) {
            inProcess = vc.classify(video);
        }
        Verdict fromFile = isolated.classify(VideoInput.of(video));
        Verdict fromBytes = isolated.classify(VideoInput.of(Files.readAllBytes(video)));
        assertThat(fromFile.status()).isEqualTo(VerdictStatus.DONE);
        assertThat(stable(fromFile)).isEqualTo(stable(inProcess));
        assertThat(fromFile.posterJpeg()).isEqualTo(inProcess.posterJpeg());
        assertThat(fromBytes.keyframes()).isEqualTo(inProcess.keyframes());
        Verdict junk = isolated.classify(VideoInput.of("no video here".getBytes(StandardCharsets.UTF_8)));
        assertThat(junk.error().code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void aNativeCrashInAWorkerCostsOneFailedVerdictNotTheJvm() throws Exception {
        Files.writeString(dir.resolve("crash-next"), "the next video scored crashes its worker");
        Verdict crashed = isolated.classify(VideoInput.of(video));
        assertThat(crashed.status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(crashed.isExplicit()).isNull();
        assertThat(crashed.error().code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(crashed.error().message()).contains("died").doesNotContain("\n");
        // this JVM is alive, and the next videos are classified by fresh workers
        for (int i = 0; i < 3; i++) {
            assertThat(isolated.classify(VideoInput.of(video)).status()).isEqualTo(VerdictStatus.DONE);
        }
    }

    @Test
    void concurrentCallersShareTheWorkers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Verdict>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(pool.submit(() -> isolated.classify(VideoInput.of(video))));
            }
            String first = null;
            for (Future<Verdict> f : all) {
                String s = stable(f.get());
                first = first == null ? s : first;
                assertThat(s).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workersMakeTheirScorerWithTheGivenFactoryAndABrokenOneGivesScorerFailedVerdicts() throws Exception {
        try (IsolatedVideoClassifier renamed = IsolatedVideoClassifier.builder().workers(1)
                .scorerFactory(WorkerScorerFactories.Renamed.class.getName()).build()) {
            Verdict v = renamed.classify(VideoInput.of(video));
            assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
            assertThat(v.scorer().id()).isEqualTo("heuristic-from-factory");
        }
        try (IsolatedVideoClassifier broken = IsolatedVideoClassifier.builder().workers(1)
                .scorerFactory(WorkerScorerFactories.Broken.class.getName()).build()) {
            for (int i = 0; i < 2; i++) {
                Verdict v = broken.classify(VideoInput.of(video));
                assertThat(v.error().code()).isEqualTo(ErrorCode.SCORER_FAILED);
                assertThat(v.error().message()).contains("model file missing");
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsolatedVideoClassifier.builder().scorerFactory("no.such.Factory"))
                .hasMessageContaining("not found");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsolatedVideoClassifier.builder().scorerFactory(String.class.getName()))
                .hasMessageContaining("Supplier");
    }

    @Test
    void runsAsJobsWithProgressAndIsDeduplicatedLikeTheInProcessClassifier() throws Exception {
        List<Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Verdict direct = isolated.classify(VideoInput.of(video), () -> false, seen::add);
        assertThat(direct.status()).isEqualTo(VerdictStatus.DONE);
        assertThat(seen).extracting(Progress::stage).contains(Progress.Stage.SAMPLING, Progress.Stage.SCORING)
                .endsWith(Progress.Stage.DONE);
        try (VideoJobs jobs = VideoJobs.builder(isolated).workers(1).build()) {
            Job job = jobs.submit(VideoInput.of(video));
            assertThat(stable(job.verdict().get())).isEqualTo(stable(direct));
        }
        DedupingClassifier dedup = new DedupingClassifier(isolated, new InMemoryVerdictStore(8));
        assertThat(dedup.classify(video).reused()).isFalse();
        assertThat(dedup.classify(Files.readAllBytes(video)).reused()).isTrue();
        assertThat(isolated.scorerInfo().id()).isEqualTo(direct.scorer().id());
        assertThat(isolated.rubricInfo()).isEqualTo(direct.rubric());
    }

    @Test
    void cancellingStopsTheWorkerAndTheNextVideoGetsAFreshOne() {
        Path longer = TestVideos.video().size(160, 120).segments(30, 2.0).writeTo(dir.resolve("long.mp4"));
        try (IsolatedVideoClassifier exact = IsolatedVideoClassifier.builder().workers(1)
                .policy(dev.videoclass.SamplingPolicy.DEFAULTS.withMode(dev.videoclass.SamplerMode.EXACT)).build()) {
            // cancelled as soon as the worker reports that it decodes
            java.util.concurrent.atomic.AtomicBoolean decoding = new java.util.concurrent.atomic.AtomicBoolean();
            Verdict cancelled = exact.classify(VideoInput.of(longer), decoding::get,
                    p -> decoding.compareAndSet(false, p.framesDecoded() > 0));
            assertThat(cancelled.error().code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(exact.classify(VideoInput.of(video)).status()).isEqualTo(VerdictStatus.DONE);
        }
    }

    @Test
    void aFileNameWithALineBreakIsOneRequestAndTheNextVideoGetsItsOwnVerdict() throws Exception {
        Path odd = Files.copy(video, dir.resolve("odd\nname.mp4"));
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "no video here");
        try (IsolatedVideoClassifier one = IsolatedVideoClassifier.builder().workers(1).build()) {
            assertThat(one.classify(VideoInput.of(odd)).status()).isEqualTo(VerdictStatus.DONE);
            assertThat(one.classify(VideoInput.of(junk)).error().code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
            assertThat(one.classify(VideoInput.of(video)).status()).isEqualTo(VerdictStatus.DONE);
        }
    }

    @Test
    void closingDuringAClassificationCancelsItAndNamesNoCrash() throws Exception {
        Path longer = TestVideos.video().size(160, 120).segments(30, 2.0).writeTo(dir.resolve("long-close.mp4"));
        IsolatedVideoClassifier exact = IsolatedVideoClassifier.builder().workers(1)
                .policy(dev.videoclass.SamplingPolicy.DEFAULTS.withMode(dev.videoclass.SamplerMode.EXACT)).build();
        java.util.concurrent.CountDownLatch decoding = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Verdict> running = pool.submit(() -> exact.classify(VideoInput.of(longer), () -> false,
                    p -> {
                        if (p.framesDecoded() > 0) {
                            decoding.countDown();
                        }
                    }));
            decoding.await();
            exact.close();
            Verdict v = running.get();
            assertThat(v.error().code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(exact.classify(VideoInput.of(video)).error().code()).isEqualTo(ErrorCode.CANCELLED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureIsDescribedWithoutWaitingForAWorkerAndNamesTheScorer() {
        try (IsolatedVideoClassifier fresh = IsolatedVideoClassifier.builder().workers(1)
                .scorerFactory(WorkerScorerFactories.Renamed.class.getName()).build()) {
            // no worker has started: the verdict names the factory, as far as it is known here
            Verdict early = fresh.failure(ErrorCode.CANCELLED, "cancelled while queued");
            assertThat(early.error().code()).isEqualTo(ErrorCode.CANCELLED);
            assertThat(early.scorer().id()).isEqualTo(WorkerScorerFactories.Renamed.class.getName());
            // once a worker has answered, failures raised here name what the workers use
            assertThat(fresh.classify(VideoInput.of(video)).status()).isEqualTo(VerdictStatus.DONE);
            Verdict tooBig = fresh.failure(ErrorCode.TOO_LARGE, "too large");
            assertThat(tooBig.scorer().id()).isEqualTo("heuristic-from-factory");
        }
        try (IsolatedVideoClassifier builtIn = IsolatedVideoClassifier.builder().workers(1).build()) {
            assertThat(builtIn.failure(ErrorCode.CANCELLED, "x").scorer().id())
                    .isEqualTo(dev.videoclass.heuristic.HeuristicScorer.ID);
            assertThat(builtIn.failure(ErrorCode.CANCELLED, "x").rubric()).isNotNull();
        }
    }

    @Test
    void aStreamThatFailsGivesAFailedVerdictNotAnException() {
        java.io.InputStream failing = new java.io.InputStream() {
            @Override
            public int read() {
                throw new java.io.UncheckedIOException(new java.io.IOException("connection reset"));
            }
        };
        Verdict v = isolated.classify(VideoInput.of(failing));
        assertThat(v.status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(v.error().message()).contains("connection reset");
    }

    @Test
    void aCustomAggregatorCannotTravelToTheWorkers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsolatedVideoClassifier.builder()
                        .aggregator(new dev.videoclass.spi.Aggregator() {
                            @Override
                            public String id() {
                                return "my-own";
                            }

                            @Override
                            public dev.videoclass.spi.AggregateVerdict aggregate(List<dev.videoclass.KeyframeVerdict> k,
                                                                             dev.videoclass.rubric.Rubric r) {
                                throw new UnsupportedOperationException();
                            }
                        }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my-own");
    }
}
