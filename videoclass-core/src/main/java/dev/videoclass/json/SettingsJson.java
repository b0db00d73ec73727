package dev.videoclass.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoclass.ClassifierSettings;
import dev.videoclass.Limits;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.aggregate.Aggregators;
import dev.videoclass.rubric.Rubric;

import java.time.Duration;

/**
 * {@link ClassifierSettings} as one line of JSON and back: how settings travel to a worker process.
 * The rubric travels as its own JSON, the aggregator by its id (so only the built-in aggregators,
 * {@link Aggregators#parse}, can travel). Thread safe.
 */
public final class SettingsJson {
    private SettingsJson() {
    }

    /**
     * The settings as one line of JSON.
     *
     * @throws IllegalArgumentException when the aggregator is not a built-in one
     */
    public static String toJson(ClassifierSettings s) {
        String aggregator = s.aggregator().id();
        Aggregators.parse(aggregator); // only what the other side can rebuild
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("policy", VerdictJson.toTree(s.policy()));
        ObjectNode limits = n.putObject("limits");
        limits.put("max_bytes", s.limits().maxBytes());
        limits.put("max_duration_s", s.limits().maxDurationS());
        limits.put("max_pixels", s.limits().maxPixels());
        limits.put("decode_timeout_ms", s.limits().decodeTimeout().toMillis());
        if (s.rubric() != null) {
            n.put("rubric", s.rubric().toJson());
        }
        n.put("aggregator", aggregator);
        n.put("poster_max_side", s.posterMaxSide());
        n.put("poster_quality", s.posterQuality());
        n.put("analysis_width", s.analysisWidth());
        return n.toString();
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException when the line is not such settings
     */
    public static ClassifierSettings parse(String json) {
        try {
            JsonNode n = VerdictJson.reader().readTree(json);
            JsonNode l = n.required("limits");
            Limits limits = new Limits(l.required("max_bytes").asLong(), l.required("max_duration_s").asDouble(),
                    l.required("max_pixels").asLong(), Duration.ofMillis(l.required("decode_timeout_ms").asLong()));
            SamplingPolicy policy = VerdictJson.reader().forType(SamplingPolicy.class).readValue(n.required("policy"));
            Rubric rubric = n.hasNonNull("rubric") ? Rubric.parse(n.get("rubric").asText()) : null;
            return new ClassifierSettings(policy, limits, rubric, Aggregators.parse(n.required("aggregator").asText()),
                    n.required("poster_max_side").asInt(), (float) n.required("poster_quality").asDouble(),
                    n.required("analysis_width").asInt());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not classifier settings: " + e.getMessage(), e);
        }
    }
}
