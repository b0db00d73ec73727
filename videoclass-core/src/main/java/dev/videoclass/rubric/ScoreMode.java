package dev.videoclass.rubric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How raw scorer outputs become 0–1 label scores. */
public enum ScoreMode {
    /** Softmax over all labels of {@code temperature * raw} (CLIP zero-shot). */
    CONTRASTIVE,
    /** Independent {@code sigmoid(scale * raw + bias)} per label (SigLIP). */
    SIGMOID,
    /** Raw scores are already 0–1 probabilities (built-in scorer, classifiers); clamped to 0–1. */
    DIRECT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ScoreMode parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
