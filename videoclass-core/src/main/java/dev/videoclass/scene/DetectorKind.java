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
    },
    /**
     * {@link AdaptiveDetector} with PySceneDetect's defaults for its adaptive threshold, window and
     * minimum content value, and the policy's minimum scene length (in seconds on key frames). The
     * policy's threshold, a ContentDetector threshold, does not apply.
     */
    ADAPTIVE {
        @Override
        public SceneDetector create(SamplingPolicy policy, SceneDetector.Stream stream, double fps) {
            return stream == SceneDetector.Stream.FRAMES
                    ? new AdaptiveDetector(AdaptiveDetector.DEFAULT_ADAPTIVE_THRESHOLD, AdaptiveDetector.DEFAULT_WINDOW_WIDTH,
                    AdaptiveDetector.DEFAULT_MIN_CONTENT_VAL, policy.minSceneLenFrames())
                    : AdaptiveDetector.inSeconds(AdaptiveDetector.DEFAULT_ADAPTIVE_THRESHOLD,
                    AdaptiveDetector.DEFAULT_WINDOW_WIDTH, AdaptiveDetector.DEFAULT_MIN_CONTENT_VAL,
                    policy.minSceneLenFrames() / fps);
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
