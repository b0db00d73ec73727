package dev.videoclass.examples.snippets;

import dev.videoclass.Frame;
import dev.videoclass.Verdict;
import dev.videoclass.VerdictStatus;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.HlsServer;
import dev.videoclass.ffmpeg.testing.LiveEncoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.jobs.VideoJobs;
import dev.videoclass.onnx.demo.DemoModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the code the README quotes, so that what it shows works as shown. */
class SnippetsTest {
    @TempDir
    static Path dir;
    static byte[] upload;
    static Path model;

    @BeforeAll
    static void setUp() throws Exception {
        upload = Files.readAllBytes(TestVideos.video().size(160, 120).segments(3, 0.8).writeTo(dir.resolve("clip.mp4")));
        model = dir.resolve("demo-model");
        DemoModel.write(model);
    }

    @Test
    void oneClassifierJudgesTheVideoAndThePhoto() throws Exception {
        Frame grey = new Frame(64, 48, new byte[64 * 48 * 3], 0);
        String[] lines = PhotoAndVideo.judge(upload, grey);
        assertThat(lines[0]).startsWith("explicit=false");
        assertThat(lines[1]).startsWith("photo explicit=");
        assertThat(PhotoAndVideo.judge(new byte[] {1, 2, 3}, grey)[0]).startsWith("failed: unsupported_format");
    }

    @Test
    void isolatedWorkersWithTheBuiltInScorerAndWithAScorerFactory() {
        assertThat(Isolated.builtIn(upload).status()).isEqualTo(VerdictStatus.DONE);
        String before = System.getProperty("siglip.dir");
        System.setProperty("siglip.dir", model.toString());
        try {
            Verdict v = Isolated.withModel(null, upload);
            assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
            assertThat(v.scorer().id()).startsWith("onnx");
        } finally {
            if (before == null) {
                System.clearProperty("siglip.dir");
            } else {
                System.setProperty("siglip.dir", before);
            }
        }
    }

    @Test
    void jobsAndTheirMetrics() throws Exception {
        try (VideoClassifier classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build()) {
            assertThat(Jobs.submitAndWait(classifier, upload).status()).isEqualTo(VerdictStatus.DONE);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (VideoJobs jobs = Jobs.withMetrics(classifier, registry)) {
                jobs.submit(dev.videoclass.VideoInput.of(upload)).verdict().get();
            }
            assertThat(registry.getMeters()).isNotEmpty();
        }
    }

    @Test
    void anOnnxModelWithOptionsAndARubricFile() throws Exception {
        Verdict v = OnnxScoring.classify(model, model.resolve("rubric.json"), upload);
        assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
        assertThat(v.scorer().provider()).isEqualTo("cpu");
    }

    @Test
    @Timeout(90)
    void aLiveStreamWindowByWindow() throws Exception {
        Path hls = Files.createDirectories(dir.resolve("hls"));
        try (LiveEncoder encoder = LiveEncoder.start(List.of(new LiveEncoder.Stretch(0x406080, 1)), 320, 240, 25, 25,
                LiveEncoder.hls(hls, 1));
             HlsServer server = HlsServer.start(hls);
             VideoClassifier classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build()) {
            encoder.awaitSegments(hls, 2);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            // the default 10 s windows: the first one is over about 10 s after the first segment
            List<String> lines = Live.watch(classifier, server.url("live.m3u8"), "127.0.0.1:" + server.port(),
                    Duration.ofSeconds(18), registry);
            assertThat(lines).anyMatch(l -> l.endsWith("explicit=false"));
            assertThat(registry.getMeters()).isNotEmpty();
        }
    }
}
