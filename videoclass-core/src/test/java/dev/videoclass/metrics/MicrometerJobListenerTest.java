package dev.videoclass.metrics;

import dev.videoclass.ColourScorer;
import dev.videoclass.FakeVideo;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.jobs.VideoJobs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerJobListenerTest {
    @Test
    void jobsAreCountedAndTimedPerStatusAndStageAndTheQueueIsAGauge() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FakeVideo video = new FakeVideo(10, new int[] {0, 0, 200}, new int[] {200, 0, 0});
        VideoClassifier vc = VideoClassifier.builder().decoder(video).sampler(FakeVideo.perSecondSampler())
                .scorer(new ColourScorer()).build();
        try (VideoJobs jobs = VideoJobs.builder(vc).workers(2).ownsClassifier(true)
                .listener(new MicrometerJobListener(registry)).build()) {
            MicrometerJobListener.bindGauges(jobs, registry);
            for (int i = 0; i < 3; i++) {
                jobs.submit(VideoInput.of(new byte[] {1})).verdict().get(30, TimeUnit.SECONDS);
            }
            video.failOnOpen = new dev.videoclass.VideoException(dev.videoclass.ErrorCode.UNSUPPORTED_FORMAT, "no");
            jobs.submit(VideoInput.of(new byte[] {2})).verdict().get(30, TimeUnit.SECONDS);
            assertThat(registry.get("videoclass.jobs.submitted").counter().count()).isEqualTo(4);
            assertThat(registry.get("videoclass.jobs.finished").tag("status", "done").tag("error", "none").counter().count())
                    .isEqualTo(3);
            assertThat(registry.get("videoclass.jobs.finished").tag("status", "failed").tag("error", "unsupported_format")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("videoclass.jobs.run").tag("status", "done").timer().count()).isEqualTo(3);
            assertThat(registry.get("videoclass.stage").tag("stage", "score").timer().count()).isEqualTo(4);
            assertThat(registry.get("videoclass.jobs.waiting").gauge().value()).isZero();
            assertThat(registry.get("videoclass.jobs.active").gauge().value()).isZero();
        }
    }
}
