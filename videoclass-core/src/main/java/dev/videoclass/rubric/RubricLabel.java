package dev.videoclass.rubric;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * One prompt of a rubric.
 *
 * @param id        short identifier used in scores, tags and evidence (e.g. {@code "beach"})
 * @param text      the prompt given to a text tower (e.g. {@code "a photo taken at the beach"})
 * @param role      what the label contributes to the verdict
 * @param embedding optional precomputed text embedding, for models that ship only a vision tower
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RubricLabel(String id, String text, LabelRole role, float[] embedding) {
    public RubricLabel {
        Objects.requireNonNull(id, "label id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("label id must not be blank");
        }
        if (text == null) {
            text = id;
        }
        if (role == null) {
            role = LabelRole.TAG;
        }
    }

    public RubricLabel(String id, String text, LabelRole role) {
        this(id, text, role, null);
    }
}
