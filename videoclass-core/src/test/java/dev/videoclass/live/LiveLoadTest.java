package dev.videoclass.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.FakeVideo;
import dev.videoclass.VideoClassifier;
import dev.videoclass.live.FakeLiveDecoder.End;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Four monitors share one classifier for a minute of real-time 1280x720 streams whose sampling
 * outpaces a slow scorer: the heap stays flat (a leaked frame per window would show as hundreds of
 * MB), every dropped frame is counted, and closing each monitor stays within its one-second
 * contract.
 */
@Timeout(150)
class LiveLoadTest {
    static final int MONITORS = 4;
    static final long RUN_S = 60;
    static final long WARM_UP_S = 10;
    static final long FLAT_BYTES = 64L << 20;

    @Test
    void fourMonitorsOnOneClassifierForAMinute() throws Exception {
        List<LiveMonitor> monitors = new ArrayList<>();
        List<Counting> events = new ArrayList<>();
        try (VideoClassifier classifier = VideoClassifier.builder().decoder(new FakeVideo(1))
                .scorer(new LiveMonitorTest.SlowScorer(400)).build()) {
            // 5 frames a second sampled per stream, 2.5 scored: the rest must be dropped and counted
            LiveSettings s = LiveSettings.builder().every(0.2).window(2).maxKeyframes(10).hysteresis(1)
                    .queueCapacity(2).build();
            for (int i = 0; i < MONITORS; i++) {
                FakeLiveDecoder stream = new FakeLiveDecoder(25, 1, LiveMonitorTest.redBetween(20, 40))
                        .size(1280, 720).then(0, 100_000, End.ENDS);
                Counting l = new Counting();
                events.add(l);
                monitors.add(LiveMonitor.builder(classifier).decoder(stream).settings(s).listener(l)
                        .start("rtsp://127.0.0.1:8554/cam" + i));
            }
            TimeUnit.SECONDS.sleep(WARM_UP_S);
            long before = usedHeapAfterGc();
            TimeUnit.SECONDS.sleep(RUN_S - WARM_UP_S);
            long after = usedHeapAfterGc();
            System.out.printf("live load: heap after GC %d MB at %d s, %d MB at %d s%n", before >> 20, WARM_UP_S,
                    after >> 20, RUN_S);
            assertThat(after - before).as("heap growth, bytes").isLessThan(FLAT_BYTES);
            for (int i = 0; i < MONITORS; i++) {
                LiveMonitor m = monitors.get(i);
                assertThat(m.isRunning()).isTrue();
                long t0 = System.nanoTime();
                m.close();
                double closeS = (System.nanoTime() - t0) / 1e9;
                assertThat(closeS).as("close(), seconds").isLessThan(1.0);
                LiveStats stats = m.stats();
                assertThat(stats.framesDropped()).isPositive();
                long unaccounted = stats.framesSampled() - stats.framesScored() - stats.framesDropped();
                assertThat(unaccounted).as("sampled frames neither scored nor dropped (queued or in hand at close)")
                        .isBetween(0L, (long) s.queueCapacity() + 1);
                assertThat(events.get(i).windows.get()).isGreaterThan(RUN_S / 2 / 2);
                assertThat(events.get(i).dropped.get()).isPositive().isLessThanOrEqualTo(stats.framesDropped());
            }
        } finally {
            monitors.forEach(LiveMonitor::close);
        }
    }

    /** Counts windows and the drops they report; keeps nothing (a kept frame would be a leak of the test's own). */
    static final class Counting implements LiveListener {
        final AtomicLong windows = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();

        @Override
        public void onWindow(WindowEvent w) {
            windows.incrementAndGet();
            dropped.addAndGet(w.dropped());
        }
    }

    /** Heap in use after a full collection: the least of three readings. */
    static long usedHeapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
