package dev.videoclass.scene;

import dev.videoclass.SamplingPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorKindTest {

    @Test
    void namesParseWithoutExceptions() {
        assertThat(DetectorKind.find("content")).contains(DetectorKind.CONTENT);
        assertThat(DetectorKind.find(" Adaptive ")).contains(DetectorKind.ADAPTIVE);
        assertThat(DetectorKind.find("histogram")).isEmpty();
        assertThat(DetectorKind.find(null)).isEmpty();
        assertThat(DetectorKind.ADAPTIVE.wireName()).isEqualTo("adaptive");
    }

    @Test
    void eachKindMakesItsDetectorForEachStream() {
        SamplingPolicy p = SamplingPolicy.DEFAULTS.withThreshold(30);
        SceneDetector frames = DetectorKind.CONTENT.create(p, SceneDetector.Stream.FRAMES, 30);
        assertThat(frames).isInstanceOf(ContentDetector.class);
        assertThat(frames.minCutScore()).isEqualTo(30.0);
        assertThat(frames.maxDelayFrames()).isEqualTo(p.minSceneLenFrames()); // MERGE
        assertThat(DetectorKind.CONTENT.create(p, SceneDetector.Stream.KEY_FRAMES, 30).maxDelayFrames()).isZero(); // SUPPRESS
        SceneDetector adaptive = DetectorKind.ADAPTIVE.create(p, SceneDetector.Stream.FRAMES, 30);
        assertThat(adaptive).isInstanceOf(AdaptiveDetector.class);
        assertThat(adaptive.minCutScore()).isEqualTo(AdaptiveDetector.DEFAULT_MIN_CONTENT_VAL);
        assertThat(adaptive.contextFrames()).isEqualTo(AdaptiveDetector.DEFAULT_WINDOW_WIDTH);
        assertThat(DetectorKind.CONTENT.create(p, SceneDetector.Stream.FRAMES, 30))
                .isNotSameAs(frames); // a fresh one per pass
    }

    @Test
    void thePolicyCarriesTheDetectorAndItsDefaultsAreTheDetectorsOwn() {
        assertThat(SamplingPolicy.DEFAULTS.detector()).isEqualTo(DetectorKind.CONTENT);
        assertThat(SamplingPolicy.DEFAULTS.withDetector(DetectorKind.ADAPTIVE).detector()).isEqualTo(DetectorKind.ADAPTIVE);
        assertThat(SamplingPolicy.DEFAULTS.withDetector(DetectorKind.ADAPTIVE).withBand(2, 4).detector())
                .isEqualTo(DetectorKind.ADAPTIVE);
        assertThat(SamplingPolicy.DEFAULT_THRESHOLD).isEqualTo(ContentDetector.DEFAULT_THRESHOLD);
        assertThat(SamplingPolicy.DEFAULT_MIN_SCENE_LEN_FRAMES).isEqualTo(ContentDetector.DEFAULT_MIN_SCENE_LEN);
        assertThatThrownBy(() -> SamplingPolicy.DEFAULTS.withDetector(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
