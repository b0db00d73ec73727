package dev.videoclass;

import java.util.Locale;

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

    /** Parses a CLI name such as {@code "exact"}. */
    public static SamplerMode parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
