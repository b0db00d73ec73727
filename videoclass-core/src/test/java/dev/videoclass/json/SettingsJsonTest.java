package dev.videoclass.json;

import dev.videoclass.ClassifierSettings;
import dev.videoclass.Limits;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.aggregate.Aggregators;
import dev.videoclass.heuristic.HeuristicScorer;
import dev.videoclass.scene.DetectorKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings travel to worker processes as one JSON line and come back equal. */
class SettingsJsonTest {

    @Test
    void everySettingSurvivesTheRoundTrip() {
        ClassifierSettings s = ClassifierSettings.DEFAULTS
                .withPolicy(SamplingPolicy.DEFAULTS.withMode(SamplerMode.EXACT).withDetector(DetectorKind.ADAPTIVE)
                        .withBand(2, 5).withThreshold(31.5).withUniformIntervalS(1.5))
                .withLimits(new Limits(12345, 700.5, 640 * 480, Duration.ofMillis(4321)))
                .withRubric(new HeuristicScorer().defaultRubric())
                .withAggregator(Aggregators.topKMean(3))
                .withPoster(320, 0.5f)
                .withAnalysisWidth(128);
        String line = SettingsJson.toJson(s);
        assertThat(line).doesNotContain("\n");
        ClassifierSettings back = SettingsJson.parse(line);
        assertThat(back.policy()).isEqualTo(s.policy());
        assertThat(back.limits()).isEqualTo(s.limits());
        assertThat(back.rubric().contentHash()).isEqualTo(s.rubric().contentHash());
        assertThat(back.aggregator().id()).isEqualTo(s.aggregator().id());
        assertThat(back.posterMaxSide()).isEqualTo(320);
        assertThat(back.posterQuality()).isEqualTo(0.5f);
        assertThat(back.analysisWidth()).isEqualTo(128);
        assertThat(SettingsJson.parse(SettingsJson.toJson(ClassifierSettings.DEFAULTS)).rubric()).isNull();
    }

    @Test
    void onlyBuiltInAggregatorsTravelAndGarbageIsRefused() {
        ClassifierSettings custom = ClassifierSettings.DEFAULTS.withAggregator(new dev.videoclass.spi.Aggregator() {
            @Override
            public String id() {
                return "mine";
            }

            @Override
            public dev.videoclass.spi.AggregateVerdict aggregate(java.util.List<dev.videoclass.KeyframeVerdict> k,
                                                             dev.videoclass.rubric.Rubric r) {
                throw new UnsupportedOperationException();
            }
        });
        assertThatThrownBy(() -> SettingsJson.toJson(custom)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mine");
        assertThatThrownBy(() -> SettingsJson.parse("{\"policy\": 1}")).isInstanceOf(IllegalArgumentException.class);
    }
}
