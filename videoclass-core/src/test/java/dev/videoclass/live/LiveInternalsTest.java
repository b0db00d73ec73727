package dev.videoclass.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.live.internal.Backoff;
import dev.videoclass.live.internal.FrameSampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sampling grid and the reconnection backoff. */
@Timeout(10)
class LiveInternalsTest {
    @Test
    void framesAreSampledOnTheCadenceGridOfTheFirstFrameAndCappedPerWindow() {
        FrameSampler s = new FrameSampler(100.04, 2, 10, 8);
        List<Double> taken = new ArrayList<>();
        for (int i = 0; i < 25 * 30; i++) {
            double pts = 100.04 + i / 25.0;
            if (s.take(pts, false)) {
                taken.add(Math.round((pts - 100.04) * 1000) / 1000.0);
            }
        }
        assertThat(taken).startsWith(0.0, 2.0, 4.0, 6.0, 8.0, 10.0).hasSize(15);
        assertThat(s.windowIndex(100.04 + 9.99)).isZero();
        assertThat(s.windowIndex(100.04 + 10)).isEqualTo(1);
        assertThat(s.windowStart(3)).isEqualTo(130.04, org.assertj.core.data.Offset.offset(1e-9));

        FrameSampler capped = new FrameSampler(0, 1, 10, 3);
        int n = 0;
        for (int i = 0; i < 100; i++) {
            n += capped.take(i / 10.0, true) ? 1 : 0; // a scene change on every frame
        }
        assertThat(n).isEqualTo(3);
    }

    @Test
    void backoffDoublesUpToItsMaximumWithJitterOfAtMostHalf() {
        Backoff none = new Backoff(0.5, 30, () -> 0.0);
        Backoff most = new Backoff(0.5, 30, () -> 0.999999);
        assertThat(List.of(none.delayMillis(1), none.delayMillis(2), none.delayMillis(3), none.delayMillis(8),
                none.delayMillis(40))).containsExactly(500L, 1000L, 2000L, 30000L, 30000L);
        assertThat(most.delayMillis(1)).isEqualTo(250L);
        assertThat(most.delayMillis(12)).isEqualTo(15000L);
    }
}
