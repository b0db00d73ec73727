package dev.videoclass.rubric;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * One prompt of a rubric.
 *
 * @param id        short identifier used in scores, tags and evidence (e.g. {@code "beach"})
 * @param text      the prompt given to a text tower (e.g. {@code "a photo taken at the beach"})
 * @param role      what the label contributes to the verdict
 * @param embedding optional precomputed text embedding, for models that ship only a vision tower
 * @param classes   for classifier models: the model classes whose probabilities add up to this
 *                  label's score; null means the class named like the label's id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RubricLabel(String id, String text, LabelRole role, float[] embedding, List<String> classes) {
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
        if (classes != null) {
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("label '" + id + "': classes must not be empty");
            }
            classes = List.copyOf(classes);
        }
    }

    /** A label scored from its text prompt (or, for classifiers, the class named like its id). */
    public RubricLabel(String id, String text, LabelRole role) {
        this(id, text, role, null, null);
    }

    /** The model classes this label sums for classifier models: {@link #classes()} or {@code [id]}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<String> classNames() {
        return classes != null ? classes : List.of(id);
    }
}
