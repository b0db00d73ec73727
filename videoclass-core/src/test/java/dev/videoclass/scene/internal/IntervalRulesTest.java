package dev.videoclass.scene.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IntervalRulesTest {

    @Test
    void keySizeJumpRule() {
        assertThat(IntervalRules.sizeJump(19999, 7945)).isTrue();
        assertThat(IntervalRules.sizeJump(7945, 19999)).isTrue();
        assertThat(IntervalRules.sizeJump(10981, 14087)).isFalse(); // consecutive key pictures of a zoom
        assertThat(IntervalRules.sizeJump(Double.NaN, 5000)).isTrue(); // unknown: decode
    }

    @Test
    void cadenceRule() {
        assertThat(IntervalRules.cadence(new double[] {1, 1, 1, 1, 1.0333, 1}, 30).regular()).isTrue();
        assertThat(IntervalRules.cadence(new double[] {1, 1, 1, 1, 1.0333, 1}, 30).interval()).isCloseTo(1.0, within(0.04));
        assertThat(IntervalRules.cadence(new double[] {2.5, 3.8, 2.3, 4.7, 4.0, 2.7}, 30).regular()).isFalse();
        // x264-like: keyint-length gaps where nothing happens, short ones at cuts
        assertThat(IntervalRules.cadence(new double[] {8.33, 1.2, 3.1, 8.33, 0.7, 5.2, 8.33}, 30).regular()).isFalse();
    }

    @Test
    void stillIntervalsAreToldFromPerfectlyPredictedMotionAtEverySize() {
        // predicted-picture means measured with x265 / x264 (IntervalRules.STILL_BYTES_PER_PIXEL)
        double keys = 100_000;
        assertThat(IntervalRules.isStill(31, 5_917, 320 * 240)).as("still, x265, 320x240").isTrue();
        assertThat(IntervalRules.isStill(13, 6_229, 320 * 240)).as("still, x264, 320x240").isTrue();
        assertThat(IntervalRules.isStill(287, 158_046, 1920 * 1080)).as("still, x265, 1080p").isTrue();
        assertThat(IntervalRules.isStill(992, 627_867, 3840 * 2160)).as("still, x265, 4K").isTrue();
        assertThat(IntervalRules.isStill(651, 162_832, 640 * 360)).as("scrolling automaton, 360p").isFalse();
        assertThat(IntervalRules.isStill(1_691, 1_293_128, 1920 * 1080)).as("scrolling automaton, 1080p").isFalse();
        assertThat(IntervalRules.isStill(19_882, 50_139, 1920 * 1080)).as("moving test pattern").isFalse();
        assertThat(IntervalRules.isStill(10, Double.NaN, 1920 * 1080)).as("no key size").isFalse();
        assertThat(IntervalRules.isStill(300, keys / 1000, 1920 * 1080)).as("predicted pictures as big as the key ones").isFalse();
    }
}
