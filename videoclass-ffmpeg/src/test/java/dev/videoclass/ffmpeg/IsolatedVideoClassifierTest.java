package dev.videoclass.ffmpeg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoclass.Verdict;
import dev.videoclass.VerdictJson;
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
                .workerMainClass(CrashingWorker.class.getName())
                .jvmOption("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"))
                .jvmOption("-XX:-CreateCoredumpOnCrash")
                .build();
    }

    @AfterAll
    static void tearDown() {
        isolated.close();
    }

    private static String stable(Verdict v) throws Exception {
        ObjectNode json = (ObjectNode) VerdictJson.mapper().readTree(VerdictJson.toJson(v));
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
        assertThat(fromFile.status()).isEqualTo("done");
        assertThat(stable(fromFile)).isEqualTo(stable(inProcess));
        assertThat(fromFile.posterJpeg()).isEqualTo(inProcess.posterJpeg());
        assertThat(fromBytes.keyframes()).isEqualTo(inProcess.keyframes());
        Verdict junk = isolated.classify(VideoInput.of("no video here".getBytes(StandardCharsets.UTF_8)));
        assertThat(junk.error().code()).isEqualTo("unsupported_format");
    }

    @Test
    void aNativeCrashInTheDecoderCostsOneFailedVerdictNotTheJvm() throws Exception {
        Path poison = Files.copy(video, dir.resolve("crash-me.mp4"));
        Verdict crashed = isolated.classify(VideoInput.of(poison));
        assertThat(crashed.status()).isEqualTo("failed");
        assertThat(crashed.isExplicit()).isNull();
        assertThat(crashed.error().code()).isEqualTo("internal");
        assertThat(crashed.error().message()).contains("died").doesNotContain("\n");
        // this JVM is alive, and the next videos are classified by fresh workers
        for (int i = 0; i < 3; i++) {
            assertThat(isolated.classify(VideoInput.of(video)).status()).isEqualTo("done");
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
            assertThat(v.status()).isEqualTo("done");
            assertThat(v.scorer().id()).isEqualTo("heuristic-from-factory");
        }
        try (IsolatedVideoClassifier broken = IsolatedVideoClassifier.builder().workers(1)
                .scorerFactory(WorkerScorerFactories.Broken.class.getName()).build()) {
            for (int i = 0; i < 2; i++) {
                Verdict v = broken.classify(VideoInput.of(video));
                assertThat(v.error().code()).isEqualTo("scorer_failed");
                assertThat(v.error().message()).contains("model file missing");
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsolatedVideoClassifier.builder().scorerFactory("no.such.Factory"))
                .hasMessageContaining("not found");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsolatedVideoClassifier.builder().scorerFactory(String.class.getName()))
                .hasMessageContaining("Supplier");
    }
}
