package dev.videoclass.aggregate;

import dev.videoclass.spi.AggregateVerdict;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AggregatorsTest {
    static final Rubric RUBRIC = Rubric.of("r", ScoreMode.DIRECT, List.of(
            new RubricLabel("nsfw", "nsfw", LabelRole.EXPLICIT),
            new RubricLabel("sfw", "sfw", LabelRole.SAFE),
            new RubricLabel("beach", "beach", LabelRole.TAG)), 0.5, 0.5);

    /** Three keyframes: explicit 0.9 at 1 s, 0.1 at 2 s, 0.8 at 3 s; beach only at 2 s. */
    static List<KeyframeVerdict> keyframes() {
        return List.of(
                kf(1.0, 0.9, 0.1, 0.2),
                kf(2.0, 0.1, 0.7, 0.9),
                kf(3.0, 0.8, 0.3, 0.1));
    }

    static KeyframeVerdict kf(double t, double... raw) {
        float[] f = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            f[i] = (float) raw[i];
        }
        return new KeyframeVerdict(t, RUBRIC.judge(f));
    }

    @Test
    void maxIsExplicitWhenAnyKeyframeIsAndListsTheStrongestFirst() {
        AggregateVerdict v = Aggregators.max().aggregate(keyframes(), RUBRIC);
        assertThat(v.judgement().isExplicit()).isTrue();
        assertThat(v.evidence().explicit()).containsExactly(1.0, 3.0);
        assertThat(v.judgement().tags()).containsExactly("beach");
        assertThat(v.evidence().tags().get("beach")).containsExactly(2.0);
        assertThat(v.judgement().scores().get("beach")).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void meanAndTopKMeanReduceEveryLabel() {
        AggregateVerdict mean = Aggregators.mean().aggregate(keyframes(), RUBRIC);
        assertThat(mean.judgement().scores().get("beach")).isCloseTo((0.2 + 0.9 + 0.1) / 3, within(1e-6));
        assertThat(mean.judgement().tags()).isEmpty();
        AggregateVerdict top2 = Aggregators.topKMean(2).aggregate(keyframes(), RUBRIC);
        assertThat(top2.judgement().scores().get("nsfw")).isCloseTo((0.9 + 0.8) / 2, within(1e-6));
        assertThat(top2.judgement().isExplicit()).isTrue();
        assertThat(Aggregators.topKMean(1).aggregate(keyframes(), RUBRIC).judgement().scores())
                .isEqualTo(Aggregators.max().aggregate(keyframes(), RUBRIC).judgement().scores());
    }

    @Test
    void qualityIsTheMeanOfTheKeyframesWhateverTheAggregator() {
        double expected = keyframes().stream().mapToDouble(KeyframeVerdict::qualityScore).average().orElseThrow();
        for (var a : List.of(Aggregators.max(), Aggregators.mean(), Aggregators.topKMean(2))) {
            assertThat(a.aggregate(keyframes(), RUBRIC).judgement().qualityScore()).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void parsesNamesAndRejectsUnknownOnes() {
        assertThat(Aggregators.parse("max").id()).isEqualTo("max");
        assertThat(Aggregators.parse("MEAN").id()).isEqualTo("mean");
        assertThat(Aggregators.parse("top3-mean").id()).isEqualTo("top3-mean");
        assertThatThrownBy(() -> Aggregators.parse("median")).hasMessageContaining("unknown aggregator");
        assertThatThrownBy(() -> Aggregators.topKMean(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Aggregators.max().aggregate(List.of(), RUBRIC)).isInstanceOf(IllegalArgumentException.class);
    }
}
