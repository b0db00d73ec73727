package dev.videoclass.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.ColourScorer;
import dev.videoclass.FakeVideo;
import dev.videoclass.VideoClassifier;
import dev.videoclass.live.FakeLiveDecoder.End;
import dev.videoclass.metrics.MicrometerLiveListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Micrometer binding of a monitor: windows, frames, drops, lag, transitions, reconnects, errors, gauges. */
@Timeout(60)
class LiveMetricsTest {
    @Test
    void aMonitorsEventsBecomeMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FakeLiveDecoder stream = new FakeLiveDecoder(10, 10, LiveMonitorTest.redBetween(5, 10))
                .then(0, 100, End.FAILS).then(20, 100, End.ENDS);
        LiveSettings s = LiveSettings.builder().every(1).window(5).hysteresis(1).maxReconnects(1).backoff(0.05, 0.1).build();
        try (VideoClassifier vc = VideoClassifier.builder().decoder(new FakeVideo(1)).scorer(new ColourScorer()).build();
             LiveMonitor m = LiveMonitor.builder(vc).decoder(stream).settings(s)
                     .listener(new MicrometerLiveListener(registry)).start("rtsp://127.0.0.1/cam")) {
            MicrometerLiveListener.bindGauges(m, registry);
            assertThat(m.awaitTermination(Duration.ofSeconds(30))).isTrue();
            String url = m.url();
            assertThat(registry.get("videoclass.live.windows").tag("url", url).tag("explicit", "true").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("videoclass.live.windows").tag("explicit", "false").counter().count()).isEqualTo(3);
            assertThat(registry.get("videoclass.live.frames").counter().count()).isEqualTo(20);
            assertThat(registry.get("videoclass.live.drops").counter().count()).isZero();
            assertThat(registry.get("videoclass.live.lag").timer().count()).isEqualTo(4);
            assertThat(registry.get("videoclass.live.transitions").tag("kind", "became_explicit").counter().count()).isEqualTo(1);
            assertThat(registry.get("videoclass.live.reconnects").tag("reason", "disconnected").counter().count()).isEqualTo(1);
            assertThat(registry.get("videoclass.live.errors").tag("kind", "gave_up").tag("fatal", "true").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("videoclass.live.decoded").functionCounter().count()).isEqualTo(200);
            assertThat(registry.get("videoclass.live.queued").gauge().value()).isZero();
            assertThat(registry.get("videoclass.live.connected").gauge().value()).isZero();
        }
    }
}
