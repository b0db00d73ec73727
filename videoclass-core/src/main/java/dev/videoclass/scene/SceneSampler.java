package dev.videoclass.scene;

import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.KeyframeSampler;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.VideoException;
import dev.videoclass.scene.internal.AutoPlanner;
import dev.videoclass.scene.internal.ExactPass;
import dev.videoclass.scene.internal.KeyframePass;
import dev.videoclass.scene.internal.Sampling;
import dev.videoclass.scene.internal.UniformSampling;

import java.util.Objects;

/**
 * The scene-change {@link KeyframeSampler}: finds hard cuts with a {@link SceneDetector}, picks one
 * representative frame per scene and fits the result into the policy's {@code [min, max]} keyframe
 * band. Each {@link SamplerMode} is a pass in {@code dev.videoclass.scene.internal}, documented
 * there: {@code ExactPass} (every frame), {@code KeyframePass} (coded key frames only),
 * {@code AutoPlanner} (key frames and packet sizes first, decoding only what they leave open) and
 * {@code UniformSampling} (no detection). Scenes and their representatives are built by
 * {@code SceneTracker}, the band by {@code SceneClamp}.
 *
 * <p>Times are seconds of presentation time; {@link SamplingResult#cuts()} lists every accepted cut
 * (the first frame of the new scene) before the band is applied. Stateless and thread safe when its
 * detector factory is (the built-in {@link DetectorKind}s are); all per-video state lives in the
 * call.
 */
public final class SceneSampler implements KeyframeSampler {
    private final SceneDetector.Factory detectors;

    /** A sampler whose detector is the policy's {@link SamplingPolicy#detector()}. */
    public SceneSampler() {
        this.detectors = null;
    }

    /** A sampler whose passes get their detectors from {@code detectors}, whatever the policy names. */
    public SceneSampler(SceneDetector.Factory detectors) {
        this.detectors = Objects.requireNonNull(detectors, "detectors");
    }

    @Override
    public SamplingResult sample(FrameSource source, SamplingPolicy policy) throws VideoException {
        Sampling s = new Sampling(source, policy, detectors != null ? detectors : policy.detector());
        return switch (policy.mode()) {
            case UNIFORM -> UniformSampling.sample(s);
            case EXACT -> ExactPass.sample(s);
            case KEYFRAMES -> KeyframePass.sample(s);
            case AUTO -> AutoPlanner.sample(s);
        };
    }
}
