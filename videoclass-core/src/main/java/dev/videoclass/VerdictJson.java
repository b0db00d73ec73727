package dev.videoclass;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON form of verdicts and sampling results: snake_case, absent rather than null fields, the
 * stable contract of DESIGN section 6. Thread safe.
 */
public final class VerdictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private static final ObjectMapper READER = MAPPER.copy()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private VerdictJson() {
    }

    /**
     * Reads a verdict back from its JSON (as {@link #toJson} wrote it), poster included: what a
     * process that classified in another JVM sends back.
     *
     * @throws IllegalArgumentException when the text is not a verdict
     */
    public static Verdict parseVerdict(String json) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree =
                    (com.fasterxml.jackson.databind.node.ObjectNode) READER.readTree(json);
            com.fasterxml.jackson.databind.JsonNode poster = tree.remove("poster_b64");
            Verdict v = READER.treeToValue(tree, Verdict.class);
            return poster == null || poster.isNull() ? v
                    : v.withPosterJpeg(java.util.Base64.getDecoder().decode(poster.asText()));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a verdict: " + e.getMessage(), e);
        }
    }

    /** The shared mapper (snake_case, non-null); do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises any verdict-like value (records of this package) on one line. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Like {@link #toJson(Object)}, indented for people. */
    public static String toPrettyJson(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
