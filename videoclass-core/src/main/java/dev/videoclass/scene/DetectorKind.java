package dev.videoclass.scene;

import dev.videoclass.SamplingPolicy;

import java.util.Locale;
import java.util.Optional;

/**
 * The built-in {@link SceneDetector}s, as chosen by {@link SamplingPolicy#detector()}; each makes a
 * fresh detector per pass. The CLI names ({@code --detector}) are the lower-case constant names.
 */
public enum DetectorKind implements SceneDetector.Factory {
    /**
     * {@link ContentDetector} with the policy's threshold and minimum scene length: on consecutive
     * frames PySceneDetect's MERGE filter counting frames, on key frames SUPPRESS counting seconds.
     */
    CONTENT {
        @Override
        public SceneDetector create(SamplingPolicy policy, SceneDetector.Stream stream, double fps) {
            return stream == SceneDetector.Stream.FRAMES
                    ? new ContentDetector(policy.threshold(), policy.minSceneLenFrames(), FlashFilter.Mode.MERGE)
                    : ContentDetector.inSeconds(policy.threshold(), policy.minSceneLenFrames() / fps,
                    FlashFilter.Mode.SUPPRESS);
        }
    };

    /** The lower-case name used on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind whose {@link #wireName()} is {@code name} (case and surrounding blanks ignored), if any. */
    public static Optional<DetectorKind> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (DetectorKind k : values()) {
            if (k.wireName().equals(wanted)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
