package dev.videoclass.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegLiveDecoder;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.HlsServer;
import dev.videoclass.ffmpeg.testing.LiveEncoder;
import dev.videoclass.ffmpeg.testing.LiveRecorder;
import dev.videoclass.live.LiveMonitor;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.live.TransitionEvent;
import dev.videoclass.live.WindowEvent;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.onnx.demo.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection on a live HLS stream with the demo model (red stands in for explicit): the content is
 * green, red from {@value #RED_FROM_S} s to {@value #RED_TO_S} s of the encoder's timeline, then green.
 * The explicit transition must arrive within window + segment duration + 2 s of the change, and every
 * window wholly inside (outside) the red stretch must be explicit (safe).
 */
@Timeout(180)
class LiveDetectionTest {
    static final double RED_FROM_S = 10;
    static final double RED_TO_S = 22;
    static final double SEGMENT_S = 1;
    static final double WINDOW_S = 4;

    @TempDir
    Path dir;

    @Test
    void theStreamTurningRedIsReportedWithinTheBound() throws Exception {
        Path model = dir.resolve("demo-model");
        DemoModel.write(model);
        Path hls = Files.createDirectories(dir.resolve("hls"));
        List<LiveEncoder.Stretch> timeline = List.of(new LiveEncoder.Stretch(0x20A040, RED_FROM_S),
                new LiveEncoder.Stretch(0xE01010, RED_TO_S - RED_FROM_S), new LiveEncoder.Stretch(0x20A040, 1));
        LiveRecorder events = new LiveRecorder();
        try (LiveEncoder encoder = LiveEncoder.start(timeline, 320, 240, 25, 25, LiveEncoder.hls(hls, SEGMENT_S));
             HlsServer server = HlsServer.start(hls);
             VideoClassifier classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder())
                     .scorer(OnnxScorer.open(model)).build()) {
            encoder.awaitSegments(hls, 2);
            LiveSettings s = LiveSettings.builder().every(1).window(WINDOW_S).hysteresis(1).build();
            try (LiveMonitor m = LiveMonitor.builder(classifier).decoder(new FfmpegLiveDecoder()).settings(s)
                    .listener(events).start(server.url("live.m3u8"))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (events.transitions.size() < 2 && System.nanoTime() < deadline && m.isRunning()) {
                    Thread.sleep(100);
                }
            }
            double offset = server.firstSegment() * SEGMENT_S; // content time of stream time 0
            assertThat(events.transitions).extracting(TransitionEvent::kind)
                    .containsExactly(TransitionEvent.Kind.BECAME_EXPLICIT, TransitionEvent.Kind.BECAME_SAFE);
            Instant change = encoder.startedAt().plusMillis(Math.round(RED_FROM_S * 1000));
            double late = Duration.between(change, events.transitionArrivals.get(0)).toMillis() / 1000.0;
            System.out.printf("live detection: the explicit transition came %.2f s after the change%n", late);
            assertThat(late).as("seconds from the change to its report").isLessThanOrEqualTo(WINDOW_S + SEGMENT_S + 2);
            for (WindowEvent w : events.windows) {
                double from = w.startPtsS() + offset;
                double to = w.endPtsS() + offset;
                if (from >= RED_FROM_S && to <= RED_TO_S) {
                    assertThat(w.isExplicit()).as("window %s-%s s inside the red stretch", from, to).isTrue();
                } else if (to <= RED_FROM_S || from >= RED_TO_S) {
                    assertThat(w.isExplicit()).as("window %s-%s s outside it", from, to).isFalse();
                }
            }
            assertThat(events.windows).anyMatch(WindowEvent::isExplicit).anyMatch(w -> !w.isExplicit());
        }
    }
}
