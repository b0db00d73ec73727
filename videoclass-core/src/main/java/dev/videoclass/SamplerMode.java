package dev.videoclass;

import java.util.Locale;
import java.util.Optional;

/** How keyframes are chosen; the CLI names are the lower-case constant names. */
public enum SamplerMode {
    /** Keyframe-first where the stream's key frames make it accurate enough, exact otherwise. */
    AUTO,
    /** Scene detection on every decoded frame (PySceneDetect ContentDetector behaviour). */
    EXACT,
    /** Scene detection on the coded key frames only. */
    KEYFRAMES,
    /** A frame every {@link SamplingPolicy#uniformIntervalS()} seconds, no scene detection. */
    UNIFORM;

    /** The lower-case name used on the command line and in the verdict's {@code sampler} field. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a CLI name such as {@code "exact"}.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     */
    public static SamplerMode parse(String s) {
        return find(s).orElseThrow(() -> new IllegalArgumentException("unknown sampler '" + s
                + "' (auto, exact, keyframes, uniform)"));
    }

    /** The mode with this CLI name (case and surrounding blanks ignored), if there is one. */
    public static Optional<SamplerMode> find(String s) {
        for (SamplerMode m : values()) {
            if (m.wireName().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
