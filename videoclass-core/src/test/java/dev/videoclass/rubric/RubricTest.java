package dev.videoclass.rubric;

import dev.videoclass.Judgement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class RubricTest {
    /** The rubric example of the README, verbatim. */
    static final String README_EXAMPLE = """
            { "id": "content-v1", "mode": "contrastive", "temperature": 100.0,
              "labels": [
                {"id": "explicit", "text": "an explicit photo containing nudity", "role": "explicit"},
                {"id": "safe",     "text": "a safe-for-work photo",              "role": "safe"},
                {"id": "hq",       "text": "a sharp, well-exposed photo",        "role": "quality_pos"},
                {"id": "lq",       "text": "a blurry, dark or noisy photo",      "role": "quality_neg"},
                {"id": "beach",    "text": "a photo taken at the beach",         "role": "tag"},
                {"id": "party",    "text": "a photo of a party",                 "role": "tag"} ],
              "explicit_threshold": 0.5, "tag_threshold": 0.3 }
            """;

    @Test
    void parsesTheDesignExample() {
        Rubric r = Rubric.parse(README_EXAMPLE);
        assertThat(r.id()).isEqualTo("content-v1");
        assertThat(r.mode()).isEqualTo(ScoreMode.CONTRASTIVE);
        assertThat(r.labelIds()).containsExactly("explicit", "safe", "hq", "lq", "beach", "party");
        assertThat(r.labels().get(3).role()).isEqualTo(LabelRole.QUALITY_NEG);
        assertThat(r.tagThreshold()).isEqualTo(0.3);
        assertThat(Rubric.parse(r.toJson())).isEqualTo(r);
        assertThat(Rubric.parse(r.toJson()).contentHash()).isEqualTo(r.contentHash());
    }

    @Test
    void contentHashChangesWithAPrompt() {
        Rubric r = Rubric.parse(README_EXAMPLE);
        Rubric changed = Rubric.parse(README_EXAMPLE.replace("a photo of a party", "a photo of a concert"));
        assertThat(changed.contentHash()).isNotEqualTo(r.contentHash());
    }

    @Test
    void contrastiveIsASoftmaxOfScaledScores() {
        Rubric r = Rubric.parse(README_EXAMPLE);
        float[] raw = {0.30f, 0.28f, 0.20f, 0.20f, 0.25f, 0.10f};
        double[] p = r.normalise(raw);
        double z = 0;
        for (float v : raw) {
            z += Math.exp(100.0 * v);
        }
        for (int i = 0; i < raw.length; i++) {
            assertThat(p[i]).isCloseTo(Math.exp(100.0 * raw[i]) / z, offset(1e-9));
        }
        Judgement v = r.judgement(p);
        // explicit against safe: e^30 / (e^30 + e^28)
        assertThat(v.explicitScore()).isCloseTo(1 / (1 + Math.exp(-2)), offset(1e-6));
        assertThat(v.isExplicit()).isTrue();
        assertThat(v.qualityScore()).isCloseTo(0.5, offset(1e-9));
        assertThat(v.tags()).isEmpty(); // beach has p ~ 0.006
    }

    @Test
    void sigmoidUsesScaleAndBiasPerLabel() {
        Rubric r = Rubric.parse(README_EXAMPLE.replace("\"mode\": \"contrastive\", \"temperature\": 100.0",
                "\"mode\": \"sigmoid\", \"scale\": 10.0, \"bias\": -2.0"));
        double[] p = r.normalise(new float[]{0.2f, 0.1f, 0.3f, 0f, 0.25f, -0.1f});
        assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(-(10 * 0.2 - 2))), offset(1e-6));
        assertThat(p[4]).isCloseTo(1 / (1 + Math.exp(-(10 * 0.25 - 2))), offset(1e-6));
        Judgement v = r.judgement(p);
        assertThat(v.tags()).containsExactly("beach");
    }

    @Test
    void directScoresAreClamped() {
        Rubric r = Rubric.parse(README_EXAMPLE.replace("contrastive", "direct"));
        double[] p = r.normalise(new float[]{1.5f, -0.5f, 0.9f, 0.1f, 0.4f, 0.2f});
        assertThat(p).containsExactly(1.0, 0.0, 0.9f, 0.1f, 0.4f, 0.2f);
        Judgement v = r.judgement(p);
        assertThat(v.isExplicit()).isTrue();
        assertThat(v.qualityScore()).isCloseTo(0.9, offset(1e-6));
        assertThat(v.tags()).containsExactly("beach");
    }

    @Test
    void rejectsBadRubrics() {
        assertThatThrownBy(() -> Rubric.parse(README_EXAMPLE.replace("\"party\"", "\"beach\"")))
                .hasMessageContaining("repeats label id 'beach'");
        assertThatThrownBy(() -> Rubric.parse("{\"id\":\"x\",\"labels\":[]}")).hasMessageContaining("no labels");
        assertThatThrownBy(() -> Rubric.parse("{\"id\":\"x\",\"mode\":\"loud\",\"labels\":[{\"id\":\"a\"}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rubric.parse(README_EXAMPLE).normalise(new float[2]))
                .hasMessageContaining("expected 6 scores");
    }
}
