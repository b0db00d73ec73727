package dev.videoclass.onnx.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoclass.onnx.demo.graph.OnnxGraphBuilder;
import dev.videoclass.onnx.demo.graph.OnnxGraphBuilder.Attribute;
import dev.videoclass.onnx.demo.graph.OnnxGraphBuilder.ElementType;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a small, fully working model directory so the ONNX path can be tried and tested with no
 * download. Its vision tower has SigLIP so400m's stem (a 14-pixel patch convolution of width 1152 on
 * 384×384 input, normalised with mean and std 0.5) but fixed weights: the embedding it produces
 * means something a person can check by eye —
 * <ol>
 *   <li>dimensions 0–2: the mean red, green and blue of the picture on the model's −1..1 scale;</li>
 *   <li>dimension 3: detail — {@code tanh(gain * m) - 0.5} where {@code m} is the mean absolute
 *       response of fixed zero-mean texture filters: −0.5 for a flat picture, up to +0.5 for a busy one;</li>
 *   <li>dimension 4: a constant 1, so that no picture has a zero embedding.</li>
 * </ol>
 * Its text tower sums per-word vectors in the same space ("red" points to red, "dark" to
 * black, "sharp" to detail), read through a real {@code tokenizer.json}. So "a red scene" matches
 * red pictures, "a flat blurry scene" flat ones. The default rubric ({@code rubric.json}) uses red as
 * a stand-in for explicit content: it demonstrates the mechanics, it does not judge real content.
 *
 * <p>Three layouts exercise the three kinds of model directory the scorer reads. Stateless.
 */
public final class DemoModel {
    /** Model input side in pixels. */
    public static final int SIZE = 384;
    /** Patch side of the stem convolution in pixels. */
    public static final int PATCH = 14;
    /** Channels of the stem convolution (so400m's width). */
    public static final int WIDTH = 1152;
    /** Embedding dimensions: red, green, blue, detail, constant. */
    public static final int DIM = 5;
    /** The learned-scale stand-in: cosine similarities are multiplied by 10 ({@code exp(logit_scale)}). */
    public static final double LOGIT_SCALE = Math.log(10.0);
    /** The sigmoid bias stand-in. */
    public static final double LOGIT_BIAS = -5.0;
    /** Gain and offset of the detail dimension: {@code tanh(DETAIL_GAIN * meanAbsResponse) - DETAIL_OFFSET}. */
    static final float DETAIL_GAIN = 100f;
    static final float DETAIL_OFFSET = 0.5f;
    /** Longest prompt in tokens; shorter ones are padded with id 0, which embeds to zero. */
    public static final int MAX_TOKENS = 16;
    /** The classes of the classifier layout, in output order. */
    public static final List<String> CLASSES = List.of("red", "green", "blue", "grey");

    /** Word vectors of the text tower (red, green, blue, detail, constant). Unknown words embed to zero. */
    static final Map<String, float[]> WORDS = words();

    /** Which kind of model directory to write. */
    public enum Layout {
        /** {@code vision_model.onnx} + {@code text_model.onnx} (SigLIP-style text tower: no attention mask). */
        SPLIT_TOWERS,
        /** One {@code model.onnx} taking {@code pixel_values}, {@code input_ids}, {@code attention_mask} (CLIP/Optimum style). */
        ZERO_SHOT,
        /** {@code model.onnx} mapping {@code pixel_values} to class {@code logits}, labels in {@code config.json}. */
        CLASSIFIER
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoModel() {
    }

    /** Writes the split-tower demo model (the default layout) into {@code dir}, creating it. */
    public static void write(Path dir) throws IOException {
        write(dir, Layout.SPLIT_TOWERS);
    }

    /** Writes the demo model in {@code layout} into {@code dir} (created if missing; files replaced). */
    public static void write(Path dir, Layout layout) throws IOException {
        Files.createDirectories(dir);
        writePreprocessorConfig(dir);
        ObjectNode config = JSON.createObjectNode();
        config.put("model_type", "videoclass-demo");
        switch (layout) {
            case SPLIT_TOWERS -> {
                visionTower().write(dir.resolve("vision_model.onnx"));
                textTower(false).write(dir.resolve("text_model.onnx"));
                writeTokenizer(dir);
                writeRubric(dir);
                config.put("logit_scale", LOGIT_SCALE);
                config.put("logit_bias", LOGIT_BIAS);
            }
            case ZERO_SHOT -> {
                zeroShot().write(dir.resolve("model.onnx"));
                writeTokenizer(dir);
                writeRubric(dir);
                config.put("logit_scale", LOGIT_SCALE);
                config.put("logit_bias", LOGIT_BIAS);
            }
            case CLASSIFIER -> {
                classifier().write(dir.resolve("model.onnx"));
                ObjectNode id2label = config.putObject("id2label");
                for (int i = 0; i < CLASSES.size(); i++) {
                    id2label.put(Integer.toString(i), CLASSES.get(i));
                }
            }
        }
        Files.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    }

    /** The demo's default rubric: sigmoid mode (SigLIP-style), scale and bias from the model. */
    public static Rubric rubric() {
        return Rubric.of("demo-colours-v1", ScoreMode.SIGMOID, List.of(
                new RubricLabel("explicit", "a red scene", LabelRole.EXPLICIT),
                new RubricLabel("safe", "a blue or green scene", LabelRole.SAFE),
                new RubricLabel("sharp", "a sharp detailed scene", LabelRole.QUALITY_POS),
                new RubricLabel("blurry", "a flat blurry scene", LabelRole.QUALITY_NEG),
                new RubricLabel("red", "a red scene", LabelRole.TAG),
                new RubricLabel("green", "a green scene", LabelRole.TAG),
                new RubricLabel("blue", "a blue scene", LabelRole.TAG),
                new RubricLabel("dark", "a dark scene", LabelRole.TAG),
                new RubricLabel("bright", "a bright scene", LabelRole.TAG)), 0.5, 0.5);
    }

    /** The text tower's embedding of a prompt: the sum of its lower-cased words' vectors. */
    public static float[] textEmbedding(String prompt) {
        float[] sum = new float[DIM];
        for (String word : prompt.toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
            float[] v = WORDS.get(word);
            if (v != null) {
                for (int d = 0; d < DIM; d++) {
                    sum[d] += v[d];
                }
            }
        }
        return sum;
    }

    // ---- graphs -------------------------------------------------------------------------------

    /** Vision tower alone: {@code pixel_values [batch,3,384,384]} → {@code image_embeds [batch,5]}. */
    static OnnxGraphBuilder visionTower() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("demo-vision");
        g.input("pixel_values", ElementType.FLOAT, "batch", 3, SIZE, SIZE);
        String embeds = imageEmbeddings(g, "pixel_values");
        g.node("Identity", List.of(embeds), "image_embeds");
        g.output("image_embeds", ElementType.FLOAT, "batch", DIM);
        return g;
    }

    /** Text tower alone: {@code input_ids [batch,seq]} (and optionally {@code attention_mask}) → {@code text_embeds}. */
    static OnnxGraphBuilder textTower(boolean attentionMask) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("demo-text");
        addTextInputs(g, attentionMask);
        g.node("Identity", List.of(textEmbeddings(g, attentionMask)), "text_embeds");
        g.output("text_embeds", ElementType.FLOAT, "text_batch", DIM);
        return g;
    }

    private static OnnxGraphBuilder zeroShot() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("demo-zero-shot");
        g.input("pixel_values", ElementType.FLOAT, "batch", 3, SIZE, SIZE);
        addTextInputs(g, true);
        String image = g.node("Identity", List.of(imageEmbeddings(g, "pixel_values")), "image_embeds");
        String text = g.node("Identity", List.of(textEmbeddings(g, true)), "text_embeds");
        // logits_per_image as CLIPModel computes it: scale * cos(image, text) + bias
        String imageUnit = g.node("LpNormalization", List.of(image), "image_unit", Attribute.of("axis", 1L), Attribute.of("p", 2L));
        String textUnit = g.node("LpNormalization", List.of(text), "text_unit", Attribute.of("axis", 1L), Attribute.of("p", 2L));
        String textT = g.node("Transpose", List.of(textUnit), "text_unit_t", Attribute.ints("perm", 1, 0));
        String cos = g.node("MatMul", List.of(imageUnit, textT), "cosine");
        String scaled = g.node("Mul", List.of(cos, g.scalar((float) Math.exp(LOGIT_SCALE))), "scaled");
        g.node("Add", List.of(scaled, g.scalar((float) LOGIT_BIAS)), "logits_per_image");
        g.output("logits_per_image", ElementType.FLOAT, "batch", "text_batch");
        g.output("text_embeds", ElementType.FLOAT, "text_batch", DIM);
        g.output("image_embeds", ElementType.FLOAT, "batch", DIM);
        return g;
    }

    private static OnnxGraphBuilder classifier() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("demo-classifier");
        g.input("pixel_values", ElementType.FLOAT, "batch", 3, SIZE, SIZE);
        String embeds = imageEmbeddings(g, "pixel_values");
        // logits = 3 * (embedding . class direction); grey is the constant dimension
        float[][] directions = {{1, -1, -1, 0, 0}, {-1, 1, -1, 0, 0}, {-1, -1, 1, 0, 0}, {0, 0, 0, 0, 1}};
        float[] head = new float[DIM * CLASSES.size()];
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int d = 0; d < DIM; d++) {
                head[d * CLASSES.size() + c] = 3f * directions[c][d];
            }
        }
        g.node("MatMul", List.of(embeds, g.constant("classifier_head", head, DIM, CLASSES.size())), "logits");
        g.output("logits", ElementType.FLOAT, "batch", CLASSES.size());
        return g;
    }

    private static void addTextInputs(OnnxGraphBuilder g, boolean attentionMask) {
        g.input("input_ids", ElementType.INT64, "text_batch", "sequence");
        if (attentionMask) {
            g.input("attention_mask", ElementType.INT64, "text_batch", "sequence");
        }
    }

    /** Stem conv → |response| → global mean → fixed projection. Returns the embedding's name. */
    private static String imageEmbeddings(OnnxGraphBuilder g, String pixels) {
        int taps = PATCH * PATCH;
        float[] kernels = new float[WIDTH * 3 * taps];
        float[] kernelBias = new float[WIDTH];
        Random random = new Random(20261121L);
        for (int k = 0; k < WIDTH; k++) {
            int channel = k % 3;
            int base = (k * 3 + channel) * taps;
            if (k < 3) {
                // mean of one colour channel, shifted to be non-negative (inputs lie in -1..1)
                for (int t = 0; t < taps; t++) {
                    kernels[base + t] = 1f / taps;
                }
                kernelBias[k] = 1f;
            } else {
                // a zero-mean oriented grating: responds to detail, not to flat colour
                double angle = random.nextDouble() * Math.PI;
                double period = 6 + random.nextDouble() * 10;
                double phase = random.nextDouble() * 2 * Math.PI;
                double mean = 0;
                for (int y = 0; y < PATCH; y++) {
                    for (int x = 0; x < PATCH; x++) {
                        double u = x * Math.cos(angle) + y * Math.sin(angle);
                        double w = Math.signum(Math.sin(2 * Math.PI * u / period + phase));
                        kernels[base + y * PATCH + x] = (float) w;
                        mean += w;
                    }
                }
                mean /= taps;
                for (int t = 0; t < taps; t++) {
                    kernels[base + t] = (float) ((kernels[base + t] - mean) / taps);
                }
            }
        }
        String conv = g.node("Conv", List.of(pixels, g.constant("stem_weight", kernels, WIDTH, 3, PATCH, PATCH),
                        g.constant("stem_bias", kernelBias, WIDTH)), "stem",
                Attribute.ints("kernel_shape", PATCH, PATCH), Attribute.ints("strides", PATCH, PATCH));
        String abs = g.node("Abs", List.of(conv), "stem_abs");
        String pooled = g.node("GlobalAveragePool", List.of(abs), "pooled");
        String flat = g.node("Flatten", List.of(pooled), "features", Attribute.of("axis", 1L));
        float[] projection = new float[WIDTH * DIM];
        for (int c = 0; c < 3; c++) {
            projection[c * DIM + c] = 1f;
        }
        for (int k = 3; k < WIDTH; k++) {
            projection[k * DIM + 3] = DETAIL_GAIN / (WIDTH - 3);
        }
        float[] bias = {-1f, -1f, -1f, -DETAIL_OFFSET, 1f};
        String projected = g.node("MatMul", List.of(flat, g.constant("projection", projection, WIDTH, DIM)), "projected");
        // colour dimensions stay linear; the detail dimension saturates through tanh
        String squashed = g.node("Tanh", List.of(projected), "squashed");
        String colours = g.node("Mul", List.of(projected, g.constant("linear_dims", new float[] {1, 1, 1, 0, 0}, DIM)), "linear_part");
        String detail = g.node("Mul", List.of(squashed, g.constant("tanh_dims", new float[] {0, 0, 0, 1, 0}, DIM)), "detail_part");
        String combined = g.node("Add", List.of(colours, detail), "combined");
        return g.node("Add", List.of(combined, g.constant("projection_bias", bias, DIM)), "embeddings");
    }

    /** Word-vector lookup summed over the sequence (padding id 0 embeds to zero). */
    private static String textEmbeddings(OnnxGraphBuilder g, boolean attentionMask) {
        List<String> vocab = vocabulary();
        float[] table = new float[vocab.size() * DIM];
        for (int i = 0; i < vocab.size(); i++) {
            float[] v = WORDS.get(vocab.get(i));
            if (v != null) {
                System.arraycopy(v, 0, table, i * DIM, DIM);
            }
        }
        String gathered = g.node("Gather", List.of(g.constant("word_vectors", table, vocab.size(), DIM), "input_ids"),
                "word_embeds", Attribute.of("axis", 0L));
        if (attentionMask) {
            String mask = g.node("Cast", List.of("attention_mask"), "mask_float", Attribute.of("to", 1L));
            String mask3 = g.node("Unsqueeze", List.of(mask, g.longs(2)), "mask_3d");
            gathered = g.node("Mul", List.of(gathered, mask3), "masked_word_embeds");
        }
        return g.node("ReduceSum", List.of(gathered, g.longs(1)), "sentence", Attribute.of("keepdims", 0L));
    }

    // ---- side files ---------------------------------------------------------------------------

    private static Map<String, float[]> words() {
        Map<String, float[]> w = new LinkedHashMap<>();
        w.put("red", new float[] {1, -1, -1, 0, 0});
        w.put("green", new float[] {-1, 1, -1, 0, 0});
        w.put("blue", new float[] {-1, -1, 1, 0, 0});
        w.put("yellow", new float[] {1, 1, -1, 0, 0});
        w.put("dark", new float[] {-1, -1, -1, 0, 0});
        w.put("black", new float[] {-1, -1, -1, 0, 0});
        w.put("bright", new float[] {1, 1, 1, 0, 0});
        w.put("white", new float[] {1, 1, 1, 0, 0});
        w.put("sharp", new float[] {0, 0, 0, 1, 0});
        w.put("detailed", new float[] {0, 0, 0, 1, 0});
        w.put("busy", new float[] {0, 0, 0, 1, 0});
        w.put("flat", new float[] {0, 0, 0, -1, 0});
        w.put("blurry", new float[] {0, 0, 0, -1, 0});
        for (String filler : List.of("a", "an", "the", "of", "or", "and", "scene", "photo", "picture", "video")) {
            w.put(filler, new float[] {0, 0, 0, 0, 0.25f});
        }
        return Map.copyOf(w);
    }

    /** Token ids: 0 padding, 1 unknown, then the words in a fixed (sorted) order. */
    static List<String> vocabulary() {
        List<String> vocab = new java.util.ArrayList<>(List.of("[PAD]", "[UNK]"));
        vocab.addAll(new java.util.TreeSet<>(WORDS.keySet()));
        return vocab;
    }

    private static void writeTokenizer(Path dir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        List<String> vocab = vocabulary();
        for (int i = 0; i < 2; i++) {
            ObjectNode t = added.addObject();
            t.put("id", i);
            t.put("content", vocab.get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode ids = model.putObject("vocab");
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        model.put("unk_token", "[UNK]");
        Files.writeString(dir.resolve("tokenizer.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        ObjectNode tokenizerConfig = JSON.createObjectNode();
        tokenizerConfig.put("model_max_length", MAX_TOKENS);
        tokenizerConfig.put("pad_token", "[PAD]");
        Files.writeString(dir.resolve("tokenizer_config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tokenizerConfig));
    }

    private static void writePreprocessorConfig(Path dir) throws IOException {
        // SigLIP's processor: squash to 384x384 with Pillow BILINEAR (2), x/255, (x-0.5)/0.5
        ObjectNode p = JSON.createObjectNode();
        p.put("do_resize", true);
        p.putObject("size").put("height", SIZE).put("width", SIZE);
        p.put("resample", 2);
        p.put("do_rescale", true);
        p.put("rescale_factor", 1.0 / 255);
        p.put("do_normalize", true);
        p.putArray("image_mean").add(0.5).add(0.5).add(0.5);
        p.putArray("image_std").add(0.5).add(0.5).add(0.5);
        p.put("image_processor_type", "SiglipImageProcessor");
        Files.writeString(dir.resolve("preprocessor_config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(p));
    }

    private static void writeRubric(Path dir) throws IOException {
        Files.writeString(dir.resolve("rubric.json"), rubric().toJson(), StandardCharsets.UTF_8);
    }
}
