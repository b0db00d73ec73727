package dev.videoclass.rubric;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a rubric label contributes to the frame verdict. */
public enum LabelRole {
    /** Evidence for {@code is_explicit}. */
    EXPLICIT,
    /** Evidence against {@code is_explicit}. */
    SAFE,
    /** Evidence for a high {@code quality_score}. */
    QUALITY_POS,
    /** Evidence for a low {@code quality_score}. */
    QUALITY_NEG,
    /** A scene tag, reported when its score reaches the tag threshold. */
    TAG,
    /** Scored and reported, but not used by the verdict. */
    NONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static LabelRole parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
