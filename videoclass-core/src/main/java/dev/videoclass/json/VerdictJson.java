package dev.videoclass.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.videoclass.Verdict;

/**
 * The JSON form of verdicts and everything printed next to them (sampling results, probe facts,
 * job status): snake_case names, absent rather than null fields. This package is the one place
 * where the library's types meet JSON: the API types carry no mapping of their own. The field order
 * of {@link Verdict}, {@link dev.videoclass.ImageVerdict} and {@link dev.videoclass.KeyframeVerdict}
 * is part of the contract and pinned by golden-file tests.
 *
 * <p>Thread safe. The readers and writers handed out are Jackson's immutable {@link ObjectReader}
 * and {@link ObjectWriter}; the mapper behind them is never exposed.
 */
public final class VerdictJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new VerdictModule())
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectReader READER = MAPPER.reader();

    private VerdictJson() {
    }

    /** A writer with the verdict mapping (snake_case, no nulls): serialise any verdict-like value. */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /** A reader with the verdict mapping: {@code reader().readTree(json)}, {@code reader().forType(T)}. */
    public static ObjectReader reader() {
        return READER;
    }

    /** Serialises a verdict, an image verdict, a sampling result or any value made of them, on one line. */
    public static String toJson(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Like {@link #toJson(Object)}, indented for people. */
    public static String toPrettyJson(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** The tree of {@code value}'s JSON form: to embed a verdict in a larger document. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Reads a verdict back from its JSON (as {@link #toJson} wrote it), poster included: what a
     * process that classified in another JVM sends back, or what a store kept.
     *
     * @throws IllegalArgumentException when the text is not a verdict
     */
    public static Verdict parseVerdict(String json) {
        try {
            return READER.forType(Verdict.class).readValue(json);
        } catch (JsonProcessingException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new IllegalArgumentException("not a verdict: " + e.getMessage(), e);
        }
    }

    /** Reads a verdict from a JSON tree (e.g. the {@code verdict} field of a stored line). */
    public static Verdict parseVerdict(JsonNode tree) {
        try {
            return READER.forType(Verdict.class).readValue(tree);
        } catch (java.io.IOException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new IllegalArgumentException("not a verdict: " + e.getMessage(), e);
        }
    }
}
