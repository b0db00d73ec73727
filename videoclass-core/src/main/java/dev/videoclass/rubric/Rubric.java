package dev.videoclass.rubric;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.videoclass.Judgement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered list of labels (text prompts with roles) plus how their scores become a verdict. Loaded
 * from the rubric file format (README, "Rubric file"). Immutable and thread safe.
 *
 * <p>{@link #normalise(float[])} and {@link #frameVerdict(double[])} are the public functions a
 * photo path calls so that photos and video keyframes are judged identically.
 *
 * @param id                 rubric identifier, e.g. {@code "content-v1"}
 * @param mode               how raw scores become 0–1 scores
 * @param temperature        softmax scale for {@link ScoreMode#CONTRASTIVE} (CLIP's logit scale, e.g. 100);
 *                           null: the model's learned scale when the scorer knows it, else 100
 * @param scale              sigmoid scale for {@link ScoreMode#SIGMOID} (SigLIP's logit scale);
 *                           null: the model's learned scale when the scorer knows it, else 1
 * @param bias               sigmoid bias for {@link ScoreMode#SIGMOID} (SigLIP's logit bias);
 *                           null: the model's learned bias when the scorer knows it, else 0
 * @param labels             the labels in scoring order
 * @param explicitThreshold  0–1 threshold on the explicit score
 * @param tagThreshold       0–1 threshold on a tag label's score
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rubric(String id, ScoreMode mode, Double temperature, Double scale, Double bias,
                     List<RubricLabel> labels,
                     @JsonProperty("explicit_threshold") double explicitThreshold,
                     @JsonProperty("tag_threshold") double tagThreshold) {

    /** The rubric file format's mapper, built on first use: a program that never parses or hashes a rubric skips Jackson's ~0.15 s start-up. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .build();
    }

    public Rubric {
        Objects.requireNonNull(id, "rubric id");
        if (mode == null) {
            mode = ScoreMode.CONTRASTIVE;
        }
        if (temperature != null && !(temperature > 0)) {
            throw new IllegalArgumentException("rubric '" + id + "': temperature must be positive");
        }
        if (scale != null && !(scale > 0)) {
            throw new IllegalArgumentException("rubric '" + id + "': scale must be positive");
        }
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("rubric '" + id + "' has no labels");
        }
        labels = List.copyOf(labels);
        Set<String> seen = new HashSet<>();
        for (RubricLabel l : labels) {
            if (!seen.add(l.id())) {
                throw new IllegalArgumentException("rubric '" + id + "' repeats label id '" + l.id() + "'");
            }
        }
        if (explicitThreshold < 0 || explicitThreshold > 1 || tagThreshold < 0 || tagThreshold > 1) {
            throw new IllegalArgumentException("thresholds must lie in 0..1");
        }
    }

    /** A rubric whose temperature, scale and bias come from the model (or their defaults). */
    public static Rubric of(String id, ScoreMode mode, List<RubricLabel> labels,
                            double explicitThreshold, double tagThreshold) {
        return new Rubric(id, mode, null, null, null, labels, explicitThreshold, tagThreshold);
    }

    /**
     * This rubric with a model's learned logit scale and bias filled in where the rubric leaves them
     * open ({@code null}): the scale becomes the contrastive temperature or the sigmoid scale, the
     * bias the sigmoid bias. Values the rubric states are kept. Scorers call this when binding a
     * rubric to their model ({@link dev.videoclass.spi.FrameScorer#bind}).
     *
     * @param logitScale the multiplier of cosine similarities (e.g. {@code exp(model.logit_scale)}), positive
     * @param logitBias  the additive bias (SigLIP), 0 for CLIP-style models
     */
    public Rubric withModelLogits(double logitScale, double logitBias) {
        return new Rubric(id, mode, temperature != null ? temperature : logitScale,
                scale != null ? scale : logitScale, bias != null ? bias : logitBias,
                labels, explicitThreshold, tagThreshold);
    }

    /** The softmax scale in effect: {@link #temperature()} or 100. */
    @JsonIgnore
    public double effectiveTemperature() {
        return temperature != null ? temperature : 100.0;
    }

    /** The sigmoid scale in effect: {@link #scale()} or 1. */
    @JsonIgnore
    public double effectiveScale() {
        return scale != null ? scale : 1.0;
    }

    /** The sigmoid bias in effect: {@link #bias()} or 0. */
    @JsonIgnore
    public double effectiveBias() {
        return bias != null ? bias : 0.0;
    }

    /** Parses the rubric JSON format. */
    public static Rubric parse(String json) {
        try {
            return Json.MAPPER.readValue(json, Rubric.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid rubric JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a rubric JSON file. */
    public static Rubric load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The rubric as JSON in the file format. */
    public String toJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (hex) of the rubric's canonical JSON: changes whenever any prompt, role or threshold changes. */
    @JsonIgnore
    public String contentHash() {
        try {
            byte[] canonical = Json.MAPPER.writeValueAsBytes(this);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Label ids in order. */
    @JsonIgnore
    public List<String> labelIds() {
        List<String> ids = new ArrayList<>(labels.size());
        for (RubricLabel l : labels) {
            ids.add(l.id());
        }
        return ids;
    }

    /**
     * Turns one frame's raw scores (one per label, in label order) into 0–1 scores by this rubric's
     * mode: softmax of {@code temperature * raw}, {@code sigmoid(scale * raw + bias)} per label, or
     * the raw values clamped to 0–1.
     */
    public double[] normalise(float[] raw) {
        if (raw.length != labels.size()) {
            throw new IllegalArgumentException("expected " + labels.size() + " scores for rubric '" + id + "', got " + raw.length);
        }
        double[] out = new double[raw.length];
        return switch (mode) {
            case CONTRASTIVE -> Activations.softmax(raw, effectiveTemperature());
            case SIGMOID -> {
                double scale = effectiveScale();
                double bias = effectiveBias();
                for (int i = 0; i < raw.length; i++) {
                    out[i] = Activations.sigmoid(scale * raw[i] + bias);
                }
                yield out;
            }
            case DIRECT -> {
                for (int i = 0; i < raw.length; i++) {
                    out[i] = Math.min(1.0, Math.max(0.0, raw[i]));
                }
                yield out;
            }
        };
    }

    /**
     * Maps 0–1 label scores (in label order) to a judgement: the explicit score is the explicit
     * labels' mass against explicit plus safe mass (or the strongest explicit label when the rubric
     * has no safe label); quality is positive against positive plus negative quality mass; a tag is
     * set when its own score reaches the tag threshold.
     */
    public Judgement judgement(double[] scores) {
        if (scores.length != labels.size()) {
            throw new IllegalArgumentException("expected " + labels.size() + " scores, got " + scores.length);
        }
        Map<String, Double> byId = new LinkedHashMap<>();
        double explicit = 0, explicitMax = 0, safe = 0, qPos = 0, qNeg = 0;
        boolean hasSafe = false, hasQuality = false;
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            RubricLabel l = labels.get(i);
            double s = scores[i];
            byId.put(l.id(), s);
            switch (l.role()) {
                case EXPLICIT -> {
                    explicit += s;
                    explicitMax = Math.max(explicitMax, s);
                }
                case SAFE -> {
                    safe += s;
                    hasSafe = true;
                }
                case QUALITY_POS -> {
                    qPos += s;
                    hasQuality = true;
                }
                case QUALITY_NEG -> {
                    qNeg += s;
                    hasQuality = true;
                }
                case TAG -> {
                    if (s >= tagThreshold) {
                        tags.add(l.id());
                    }
                }
                case NONE -> {
                }
            }
        }
        double explicitScore = hasSafe ? ratio(explicit, safe) : explicitMax;
        double quality = hasQuality ? ratio(qPos, qNeg) : 0.5;
        return new Judgement(byId, explicitScore, explicitScore >= explicitThreshold, quality, tags);
    }

    /** {@link #judgement(double[])} of {@link #normalise(float[])}: raw scores to judgement in one call. */
    public Judgement judge(float[] raw) {
        return judgement(normalise(raw));
    }

    /** Index of a label id, or -1. */
    public int indexOf(String labelId) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).id().equals(labelId)) {
                return i;
            }
        }
        return -1;
    }

    private static double ratio(double a, double b) {
        double sum = a + b;
        return sum <= 0 ? 0.0 : a / sum;
    }
}
