package dev.videoclass.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.videoclass.ErrorCode;
import dev.videoclass.Evidence;
import dev.videoclass.ImageVerdict;
import dev.videoclass.Judgement;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.Progress;
import dev.videoclass.SceneEmbedding;
import dev.videoclass.Verdict;
import dev.videoclass.VerdictStatus;
import dev.videoclass.VideoInfo;
import dev.videoclass.jobs.JobStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The Jackson mapping of the verdict types, written field by field so that the JSON contract (names,
 * order, absent fields) does not depend on how the Java types are declared. Used only by
 * {@link VerdictJson}.
 */
final class VerdictModule extends SimpleModule {

    VerdictModule() {
        super("videoclass-verdicts");
        addSerializer(new CodeSerializer<>(ErrorCode.class, ErrorCode::code));
        addSerializer(new CodeSerializer<>(VerdictStatus.class, VerdictStatus::code));
        addSerializer(new CodeSerializer<>(JobStatus.class, JobStatus::code));
        addSerializer(new CodeSerializer<>(Progress.Stage.class, Progress.Stage::code));
        addDeserializer(ErrorCode.class, new CodeDeserializer<>(ErrorCode::fromCode));
        addDeserializer(VerdictStatus.class, new CodeDeserializer<>(VerdictStatus::fromCode));
        addDeserializer(Progress.Stage.class, new CodeDeserializer<>(c -> Progress.Stage.valueOf(c.toUpperCase(Locale.ROOT))));
        addSerializer(Verdict.class, new VerdictSerializer());
        addSerializer(ImageVerdict.class, new ImageVerdictSerializer());
        addSerializer(KeyframeVerdict.class, new KeyframeSerializer());
        addDeserializer(Verdict.class, new VerdictDeserializer());
    }

    /** An enum written as its stable wire code. */
    private static final class CodeSerializer<E> extends StdSerializer<E> {
        private final Function<E, String> code;

        CodeSerializer(Class<E> type, Function<E, String> code) {
            super(type);
            this.code = code;
        }

        @Override
        public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(code.apply(value));
        }
    }

    private static final class CodeDeserializer<E> extends JsonDeserializer<E> {
        private final Function<String, E> fromCode;

        CodeDeserializer(Function<String, E> fromCode) {
            this.fromCode = fromCode;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return fromCode.apply(p.getValueAsString());
        }
    }

    /** Writes a field when the value is not null. */
    private static void field(JsonGenerator gen, SerializerProvider provider, String name, Object value)
            throws IOException {
        if (value != null) {
            gen.writeFieldName(name);
            provider.defaultSerializeValue(value, gen);
        }
    }

    /** A keyframe's or an image's judgement, in the contract's order. */
    private static void judgement(JsonGenerator gen, SerializerProvider provider, Judgement j) throws IOException {
        field(gen, provider, "scores", j.scores());
        gen.writeNumberField("explicit_score", j.explicitScore());
        gen.writeBooleanField("is_explicit", j.isExplicit());
        gen.writeNumberField("quality_score", j.qualityScore());
        field(gen, provider, "tags", j.tags());
    }

    private static final class VerdictSerializer extends JsonSerializer<Verdict> {
        @Override
        public void serialize(Verdict v, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            field(gen, provider, "status", v.status());
            Judgement j = v.judgement();
            if (j != null) {
                gen.writeBooleanField("is_explicit", j.isExplicit());
                gen.writeNumberField("explicit_score", j.explicitScore());
                gen.writeNumberField("quality_score", j.qualityScore());
                field(gen, provider, "scene_tags", j.tags());
                field(gen, provider, "scores", j.scores());
            }
            field(gen, provider, "poster_width", v.posterWidth());
            field(gen, provider, "poster_height", v.posterHeight());
            field(gen, provider, "duration_s", v.durationS());
            field(gen, provider, "sampler", v.sampler());
            field(gen, provider, "aggregator", v.aggregator());
            field(gen, provider, "inferences", v.inferences());
            field(gen, provider, "keyframes", v.keyframes());
            field(gen, provider, "evidence", v.evidence());
            field(gen, provider, "scorer", v.scorer());
            field(gen, provider, "embedding_model", v.embeddingModel());
            field(gen, provider, "rubric", v.rubric());
            field(gen, provider, "video", v.video());
            field(gen, provider, "timings_ms", v.timingsMs());
            field(gen, provider, "error", v.error());
            if (v.poster() != null) {
                gen.writeStringField("poster_b64", Base64.getEncoder().encodeToString(v.posterJpeg()));
            }
            gen.writeEndObject();
        }
    }

    private static final class KeyframeSerializer extends JsonSerializer<KeyframeVerdict> {
        @Override
        public void serialize(KeyframeVerdict k, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("pts_s", k.ptsS());
            judgement(gen, provider, k.judgement());
            SceneEmbedding e = k.embedding();
            if (e != null) {
                gen.writeArrayFieldStart("scene");
                gen.writeNumber(e.sceneStartS());
                gen.writeNumber(e.sceneEndS());
                gen.writeEndArray();
                gen.writeArrayFieldStart("embedding");
                for (float x : e.vector()) {
                    gen.writeNumber(x);
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        }
    }

    private static final class ImageVerdictSerializer extends JsonSerializer<ImageVerdict> {
        @Override
        public void serialize(ImageVerdict v, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            field(gen, provider, "status", v.status());
            if (v.judgement() != null) {
                judgement(gen, provider, v.judgement());
            }
            field(gen, provider, "width", v.width());
            field(gen, provider, "height", v.height());
            field(gen, provider, "scorer", v.scorer());
            field(gen, provider, "rubric", v.rubric());
            field(gen, provider, "timings_ms", v.timingsMs());
            field(gen, provider, "error", v.error());
            gen.writeEndObject();
        }
    }

    /** Reads what {@link VerdictSerializer} writes; unknown fields are ignored. */
    private static final class VerdictDeserializer extends JsonDeserializer<Verdict> {
        @Override
        public Verdict deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = ctxt.readTree(p);
            VerdictStatus status = VerdictStatus.fromCode(n.path("status").asText(null));
            Verdict.Builder b;
            if (status == VerdictStatus.DONE) {
                b = Verdict.done(judgement(n, "scene_tags"), value(ctxt, n, "evidence", Evidence.class, Evidence.NONE));
                List<KeyframeVerdict> keyframes = new ArrayList<>();
                for (JsonNode k : n.path("keyframes")) {
                    keyframes.add(new KeyframeVerdict(k.path("pts_s").asDouble(), judgement(k, "tags"), embedding(k)));
                }
                b.keyframes(keyframes);
            } else {
                Verdict.ErrorInfo error = value(ctxt, n, "error", Verdict.ErrorInfo.class, null);
                if (error == null) {
                    throw new IllegalArgumentException("a failed verdict without an error");
                }
                b = Verdict.failed(error.code(), error.message());
            }
            if (n.hasNonNull("poster_b64")) {
                b.poster(new Verdict.Poster(Base64.getDecoder().decode(n.get("poster_b64").asText()),
                        n.path("poster_width").asInt(), n.path("poster_height").asInt()));
            }
            return b.durationS(n.hasNonNull("duration_s") ? n.get("duration_s").asDouble() : null)
                    .sampler(n.path("sampler").asText(null))
                    .aggregator(n.path("aggregator").asText(null))
                    .scorer(value(ctxt, n, "scorer", Verdict.ScorerInfo.class, null))
                    .embeddingModel(n.path("embedding_model").asText(null))
                    .rubric(value(ctxt, n, "rubric", Verdict.RubricInfo.class, null))
                    .video(value(ctxt, n, "video", VideoInfo.class, null))
                    .timings(value(ctxt, n, "timings_ms", Verdict.Timings.class, null))
                    .build();
        }

        private static Judgement judgement(JsonNode n, String tagsName) {
            Map<String, Double> scores = new LinkedHashMap<>();
            n.path("scores").fields().forEachRemaining(e -> scores.put(e.getKey(), e.getValue().asDouble()));
            List<String> tags = new ArrayList<>();
            n.path(tagsName).forEach(t -> tags.add(t.asText()));
            return new Judgement(scores, n.path("explicit_score").asDouble(), n.path("is_explicit").asBoolean(),
                    n.path("quality_score").asDouble(), tags);
        }

        /** A keyframe's scene and embedding, or null when it has none. */
        private static SceneEmbedding embedding(JsonNode k) {
            JsonNode vector = k.get("embedding");
            if (vector == null || vector.isNull()) {
                return null;
            }
            float[] v = new float[vector.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = vector.get(i).floatValue();
            }
            JsonNode scene = k.path("scene");
            return new SceneEmbedding(scene.path(0).asDouble(), scene.path(1).asDouble(), v);
        }

        private static <T> T value(DeserializationContext ctxt, JsonNode n, String field, Class<T> type, T absent)
                throws IOException {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? absent : ctxt.readTreeAsValue(v, type);
        }
    }
}
