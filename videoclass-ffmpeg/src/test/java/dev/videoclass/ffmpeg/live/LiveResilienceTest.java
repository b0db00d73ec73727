package dev.videoclass.ffmpeg.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegLiveDecoder;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.HlsServer;
import dev.videoclass.ffmpeg.testing.LiveEncoder;
import dev.videoclass.ffmpeg.testing.LiveRecorder;
import dev.videoclass.live.GapEvent;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveMonitor;
import dev.videoclass.live.LiveSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live HLS stream whose server goes away and comes back, or stops answering: the monitor reports
 * the loss, reconnects with backoff, reports the gap and goes on. Every wait is bounded.
 */
@Timeout(120)
class LiveResilienceTest {
    @TempDir
    Path dir;
    LiveEncoder encoder;
    HlsServer server;
    VideoClassifier classifier;

    @BeforeEach
    void stream() throws Exception {
        encoder = LiveEncoder.start(List.of(new LiveEncoder.Stretch(0x202080, 1)), 320, 240, 25, 25, LiveEncoder.hls(dir, 1));
        server = HlsServer.start(dir);
        classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build();
        encoder.awaitSegments(dir, 2);
    }

    @AfterEach
    void stop() {
        server.close();
        encoder.close();
        classifier.close();
    }

    LiveMonitor watch(LiveRecorder events, double stallS) {
        LiveSettings s = LiveSettings.builder().every(1).window(2).stall(stallS).backoff(0.2, 1).maxReconnects(30).build();
        return LiveMonitor.builder(classifier).decoder(new FfmpegLiveDecoder(stallS)).settings(s).listener(events)
                .start(server.url("live.m3u8"));
    }

    @Test
    void aServerThatGoesAwayAndComesBackIsReconnected() throws Exception {
        LiveRecorder events = new LiveRecorder();
        try (LiveMonitor m = watch(events, 4)) {
            events.awaitWindows(2, Duration.ofSeconds(30));
            server.stop();
            LiveRecorder.await(Duration.ofSeconds(30), () -> !events.errors.isEmpty(), () -> "the loss to be reported");
            Thread.sleep(2000);
            server.restart();
            LiveRecorder.await(Duration.ofSeconds(40), () -> !events.gaps.isEmpty(), () -> "a gap; errors " + events.errors);
            int before = events.windows.size();
            events.awaitWindows(before + 2, Duration.ofSeconds(30));
            assertThat(m.isRunning()).isTrue();
            assertThat(m.stats().reconnects()).isPositive();
        }
        GapEvent gap = events.gaps.get(0);
        assertThat(gap.seconds()).isGreaterThan(1.5);
        assertThat(gap.attempts()).isPositive();
        assertThat(events.errors).noneMatch(LiveError::fatal);
        assertThat(events.windows.get(events.windows.size() - 1).endTime()).isAfter(gap.to());
    }

    @Test
    void aStalledServerTriggersAReconnection() throws Exception {
        LiveRecorder events = new LiveRecorder();
        try (LiveMonitor m = watch(events, 2)) {
            events.awaitWindows(2, Duration.ofSeconds(30));
            server.stall(true);
            LiveRecorder.await(Duration.ofSeconds(30), () -> events.errors.stream()
                    .anyMatch(e -> e.kind() == LiveError.Kind.STALLED), () -> "a stall; errors " + events.errors);
            server.stall(false);
            LiveRecorder.await(Duration.ofSeconds(40), () -> !events.gaps.isEmpty(), () -> "a gap; errors " + events.errors);
            int before = events.windows.size();
            events.awaitWindows(before + 1, Duration.ofSeconds(30));
            assertThat(m.isRunning()).isTrue();
        }
        assertThat(events.gaps.get(0).reason()).isEqualTo(GapEvent.Reason.STALLED);
        assertThat(events.errors).noneMatch(LiveError::fatal);
    }
}
