package dev.videoclass.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import dev.videoclass.rubric.Rubric;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a model directory as Hugging Face Optimum, transformers.js or open_clip exporters
 * write them, found in the directory itself or its {@code onnx/} subfolder:
 * <ul>
 *   <li>split towers: {@code vision_model.onnx} (or {@code visual.onnx}, {@code image_encoder.onnx})
 *       and optionally {@code text_model.onnx} (or {@code textual.onnx}, {@code text_encoder.onnx});</li>
 *   <li>or one {@code model.onnx}: a zero-shot model (inputs {@code pixel_values} and
 *       {@code input_ids}) or a classifier (only an image input);</li>
 *   <li>{@code preprocessor_config.json} (required), {@code tokenizer.json} and
 *       {@code tokenizer_config.json} for a text tower, {@code config.json} for {@code logit_scale}
 *       (log space, as the model stores it), {@code logit_bias} and {@code id2label}, optional
 *       {@code labels.txt} (one class per line) and {@code rubric.json} (the default rubric).</li>
 * </ul>
 * Immutable.
 */
record ModelDirectory(Path dir, Path vision, Path text, Path single, ImageProcessor processor,
                      Path tokenizer, JsonNode tokenizerConfig, JsonNode config, Rubric rubric,
                      List<String> classes, String fingerprint) {

    private static final List<String> VISION_NAMES = List.of("vision_model.onnx", "visual.onnx", "image_encoder.onnx");
    private static final List<String> TEXT_NAMES = List.of("text_model.onnx", "textual.onnx", "text_encoder.onnx");
    private static final ObjectMapper JSON = new ObjectMapper();

    static ModelDirectory read(Path dir) throws VideoException {
        if (dir == null || !Files.isDirectory(dir)) {
            throw fail("model directory not found: " + dir);
        }
        Path vision = find(dir, VISION_NAMES);
        Path text = find(dir, TEXT_NAMES);
        Path single = find(dir, List.of("model.onnx"));
        if (vision == null && single == null) {
            throw fail("no model in " + dir + ": expected vision_model.onnx (+ text_model.onnx) or model.onnx");
        }
        if (vision != null) {
            single = null;
        }
        Path preprocessor = find(dir, List.of("preprocessor_config.json"));
        if (preprocessor == null) {
            throw fail("preprocessor_config.json is missing in " + dir);
        }
        try {
            ImageProcessor processor;
            try {
                processor = ImageProcessor.load(preprocessor);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
            Path tokenizer = find(dir, List.of("tokenizer.json"));
            JsonNode tokenizerConfig = readJson(find(dir, List.of("tokenizer_config.json")));
            JsonNode config = readJson(find(dir, List.of("config.json")));
            Path rubricFile = find(dir, List.of("rubric.json"));
            Rubric rubric = null;
            if (rubricFile != null) {
                try {
                    rubric = Rubric.load(rubricFile);
                } catch (IllegalArgumentException e) {
                    throw fail(rubricFile + ": " + e.getMessage());
                }
            }
            List<String> classes = classes(config, find(dir, List.of("labels.txt")));
            return new ModelDirectory(dir, vision, text, single, processor, tokenizer, tokenizerConfig, config,
                    rubric, classes, fingerprint(dir));
        } catch (IOException e) {
            throw new VideoException(ErrorCode.SCORER_FAILED, "cannot read model directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code exp(logit_scale)} from config.json, or NaN when the config does not state it. */
    double logitScale() {
        JsonNode s = config.path("logit_scale");
        return s.isNumber() ? Math.exp(s.asDouble()) : Double.NaN;
    }

    /** {@code logit_bias} from config.json, or 0. */
    double logitBias() {
        return config.path("logit_bias").asDouble(0.0);
    }

    /** True when config.json says the classifier's outputs are independent (sigmoid) rather than a softmax. */
    boolean multiLabel() {
        return "multi_label_classification".equals(config.path("problem_type").asText());
    }

    private static Path find(Path dir, List<String> names) {
        for (Path base : List.of(dir, dir.resolve("onnx"))) {
            for (String n : names) {
                Path p = base.resolve(n);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static JsonNode readJson(Path file) throws IOException {
        return file == null ? MissingNode.getInstance() : JSON.readTree(file.toFile());
    }

    private static List<String> classes(JsonNode config, Path labelsTxt) throws IOException {
        if (labelsTxt != null) {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(labelsTxt, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return List.copyOf(out);
        }
        JsonNode id2label = config.path("id2label");
        if (!id2label.isObject()) {
            return List.of();
        }
        Map<Integer, String> byIndex = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = id2label.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byIndex.put(Integer.parseInt(e.getKey()), e.getValue().asText());
        }
        return List.copyOf(byIndex.values());
    }

    /**
     * SHA-256 over the small files and, for each model file, its name, size and first and last MiB:
     * it changes when the model is re-exported, without reading gigabytes at every start.
     */
    private static String fingerprint(Path dir) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            for (Path base : List.of(dir, dir.resolve("onnx"))) {
                if (Files.isDirectory(base)) {
                    try (var s = Files.list(base)) {
                        s.filter(Files::isRegularFile).sorted().forEach(files::add);
                    }
                }
            }
            byte[] buf = new byte[1 << 20];
            for (Path f : files) {
                String name = dir.relativize(f).toString();
                long size = Files.size(f);
                md.update((name + "\0" + size + "\0").getBytes(StandardCharsets.UTF_8));
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
                    int head = raf.read(buf, 0, (int) Math.min(buf.length, size));
                    md.update(buf, 0, Math.max(head, 0));
                    if (size > 2L * buf.length) {
                        raf.seek(size - buf.length);
                        raf.readFully(buf);
                        md.update(buf);
                    } else if (size > buf.length) {
                        int rest = raf.read(buf, 0, (int) (size - buf.length));
                        md.update(buf, 0, Math.max(rest, 0));
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VideoException fail(String message) {
        return new VideoException(ErrorCode.SCORER_FAILED, message);
    }
}
