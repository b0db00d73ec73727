package dev.videoclass.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameEmbedder;
import dev.videoclass.spi.FrameScorer;
import dev.videoclass.VideoException;
import dev.videoclass.onnx.internal.ExecutionProviders;
import dev.videoclass.onnx.internal.OrtNatives;
import dev.videoclass.rubric.Activations;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import static dev.videoclass.onnx.internal.Errors.fail;
import static dev.videoclass.onnx.internal.Errors.oneLine;
import static dev.videoclass.onnx.internal.OrtSessions.batchLimit;
import static dev.videoclass.onnx.internal.OrtSessions.checkPixelShape;
import static dev.videoclass.onnx.internal.OrtSessions.matrix;
import static dev.videoclass.onnx.internal.OrtSessions.pickOutput;
import static dev.videoclass.onnx.internal.OrtSessions.pixelInput;
import static dev.videoclass.onnx.internal.OrtSessions.requireOnly;

/**
 * A {@link FrameScorer} on ONNX Runtime, for three kinds of model directory ({@link ModelDirectory}):
 * <ul>
 *   <li><b>zero-shot, split towers</b> — the rubric's prompts go once through the text tower (or come
 *       as precomputed embeddings in the rubric), cached per rubric content hash; each batch of
 *       frames goes through the vision tower; a raw score is the cosine similarity of the
 *       L2-normalised embeddings;</li>
 *   <li><b>zero-shot, one model</b> ({@code pixel_values} + {@code input_ids}, as Optimum exports
 *       CLIP and SigLIP) — the same cosine, from the model's {@code image_embeds} and
 *       {@code text_embeds};</li>
 *   <li><b>classifier</b> — class probabilities (softmax of the logits, or sigmoid for
 *       multi-label models); a label's raw score is the sum over its {@link RubricLabel#classNames()}.</li>
 * </ul>
 * The rubric's mode turns raw scores into 0–1 scores; {@link #bind} fills the model's learned logit
 * scale and bias ({@code config.json}) where the rubric leaves them open.
 *
 * <p>Runs on the CUDA execution provider when it loads (ONNX Runtime's {@code onnxruntime_gpu} build on a
 * machine with CUDA 12 and cuDNN 9), otherwise on the CPU provider ({@link OnnxOptions.Provider});
 * {@link #executionProvider()} and a log line say which. ONNX Runtime's native libraries are unpacked
 * once per version into a cache directory ({@link OrtNatives}) rather than into every process's
 * temporary directory. Thread safe:
 * one session per tower serves concurrent classifications; {@link #close()} frees the sessions (idempotent).
 */
public final class OnnxScorer implements FrameScorer {
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Runs hold it shared, {@link #close()} exclusively: sessions are never freed under a run. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock inUse = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private static final Logger LOG = LoggerFactory.getLogger(OnnxScorer.class);
    private static final List<String> IMAGE_OUTPUTS = List.of("image_embeds", "pooler_output", "image_features", "embeddings");
    private static final List<String> TEXT_OUTPUTS = List.of("text_embeds", "pooler_output", "text_features", "embeddings");
    private static final int POOLED_BUFFERS = 4;
    private static final int IDENTITY_CACHE = 32;

    /** What the model directory holds. */
    public enum Kind {
        /** Vision tower, optionally with a text tower. */
        SPLIT_TOWERS,
        /** One model taking pixels and prompts. */
        ZERO_SHOT,
        /** One model mapping pixels to class scores. */
        CLASSIFIER
    }

    private final ModelDirectory model;
    private final OnnxOptions options;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final Kind kind;
    private final String provider;
    private final OrtSession imageSession;
    private final OrtSession textSession;
    private final TextEncoder textEncoder;
    private final String pixelInput;
    private final String imageOutput;
    private final String textOutput;
    private final boolean textUsesMask;
    private final int maxBatch;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    /** Bindings by rubric object identity, in front of {@link #bindings}; bounded, cleared when full. */
    private final Map<Rubric, Binding> byIdentity = Collections.synchronizedMap(new IdentityHashMap<>());
    private final ConcurrentLinkedDeque<FloatBuffer> buffers = new ConcurrentLinkedDeque<>();
    /** The embedder of a zero-shot model; null for a classifier, which has no embeddings. */
    private final OnnxEmbedder embedder;
    /** Tokens fed to a one-model zero-shot export when only its image embeddings are wanted (built on first use). */
    private volatile TextEncoder.Tokens placeholderTokens;

    /** What a rubric becomes for this model: per-label unit text embeddings, tokens, or class indices. */
    record Binding(Rubric rubric, float[][] unitText, TextEncoder.Tokens tokens, int[][] classIndices) {
    }

    private OnnxScorer(ModelDirectory model, OnnxOptions options) throws VideoException {
        this.model = model;
        this.options = options;
        List<OrtSession> opened = new ArrayList<>();
        TextEncoder encoder = null;
        try {
            Path imageFile = model.vision() != null ? model.vision() : model.single();
            ExecutionProviders.Opened first = ExecutionProviders.open(env, imageFile, options, null);
            OrtSession image = first.session();
            opened.add(image);
            this.provider = first.provider();
            this.imageSession = image;
            Map<String, NodeInfo> inputs = image.getInputInfo();
            this.pixelInput = pixelInput(inputs);
            checkPixelShape(inputs.get(pixelInput), model.processor().outputHeight(), model.processor().outputWidth());
            if (model.vision() != null) {
                this.kind = Kind.SPLIT_TOWERS;
                requireOnly(inputs, List.of(pixelInput), imageFile);
                this.imageOutput = pickOutput(image, IMAGE_OUTPUTS, imageFile);
                if (model.text() != null) {
                    OrtSession text = ExecutionProviders.open(env, model.text(), options, provider).session();
                    opened.add(text);
                    this.textSession = text;
                    Map<String, NodeInfo> textInputs = text.getInputInfo();
                    if (!textInputs.containsKey("input_ids")) {
                        throw fail(model.text() + " has no input_ids input (inputs: " + textInputs.keySet() + ")");
                    }
                    this.textUsesMask = textInputs.containsKey("attention_mask");
                    requireOnly(textInputs, List.of("input_ids", "attention_mask"), model.text());
                    this.textOutput = pickOutput(text, TEXT_OUTPUTS, model.text());
                    encoder = textEncoder(model, textInputs.get("input_ids"), textUsesMask);
                } else {
                    this.textSession = null;
                    this.textUsesMask = false;
                    this.textOutput = null;
                }
            } else if (inputs.containsKey("input_ids")) {
                this.kind = Kind.ZERO_SHOT;
                this.textSession = null;
                this.textUsesMask = inputs.containsKey("attention_mask");
                requireOnly(inputs, List.of(pixelInput, "input_ids", "attention_mask"), imageFile);
                this.imageOutput = pickOutput(image, List.of("image_embeds"), imageFile);
                this.textOutput = pickOutput(image, List.of("text_embeds"), imageFile);
                encoder = textEncoder(model, inputs.get("input_ids"), textUsesMask);
            } else {
                this.kind = Kind.CLASSIFIER;
                this.textSession = null;
                this.textUsesMask = false;
                this.textOutput = null;
                requireOnly(inputs, List.of(pixelInput), imageFile);
                this.imageOutput = pickOutput(image, List.of("logits", "probabilities", "probs", "output"), imageFile);
                if (model.classes().isEmpty()) {
                    throw fail("classifier " + imageFile + " has no labels: add id2label to config.json or a labels.txt");
                }
            }
            this.textEncoder = encoder;
            this.maxBatch = batchLimit(inputs.get(pixelInput), options.maxBatchSize());
            this.embedder = kind == Kind.CLASSIFIER ? null : new OnnxEmbedder(this);
            LOG.info("videoclass ONNX scorer: {} model {} on the {} execution provider", kind, model.dir(), provider);
        } catch (VideoException e) {
            closeAll(opened, encoder);
            throw e;
        } catch (OrtException | IOException | RuntimeException e) {
            closeAll(opened, encoder);
            throw new VideoException(ErrorCode.SCORER_FAILED, "cannot load model from " + model.dir() + ": "
                    + oneLine(e), e);
        }
    }

    /** Opens the model directory with {@link OnnxOptions#DEFAULTS}. */
    public static OnnxScorer open(Path modelDir) throws VideoException {
        return open(modelDir, OnnxOptions.DEFAULTS);
    }

    /**
     * Opens the model directory: reads its configuration, creates the ONNX Runtime sessions on the
     * chosen provider and checks that the model's inputs fit the preprocessing.
     *
     * @throws VideoException {@link ErrorCode#SCORER_FAILED} with a one-line reason when the directory
     *                        or model cannot be used
     */
    public static OnnxScorer open(Path modelDir, OnnxOptions options) throws VideoException {
        OrtNatives.prepare(); // before anything loads ONNX Runtime
        return new OnnxScorer(ModelDirectory.read(modelDir), options);
    }

    /** Which kind of model this is. */
    public Kind kind() {
        return kind;
    }

    /** The preprocessing read from {@code preprocessor_config.json}. */
    public ImageProcessor processor() {
        return model.processor();
    }

    @Override
    public String id() {
        return "onnx:" + model.dir().getFileName() + "@" + model.fingerprint();
    }

    @Override
    public String executionProvider() {
        return provider;
    }

    /**
     * The model directory's {@code rubric.json}; for a classifier without one, a direct rubric with
     * one tag per class.
     *
     * @throws IllegalStateException for a zero-shot model without {@code rubric.json}
     */
    @Override
    public Rubric defaultRubric() {
        if (model.rubric() != null) {
            return model.rubric();
        }
        if (kind == Kind.CLASSIFIER) {
            List<RubricLabel> labels = new ArrayList<>();
            for (String c : model.classes()) {
                labels.add(new RubricLabel(c, c, LabelRole.TAG));
            }
            return Rubric.of("classes", ScoreMode.DIRECT, labels, 0.5, 0.5);
        }
        throw new IllegalStateException("model " + model.dir() + " has no rubric.json: give a rubric");
    }

    @Override
    public Rubric bind(Rubric rubric) {
        return binding(rubric).rubric();
    }

    @Override
    public Frame prepare(Frame frame) {
        return model.processor().prepare(frame);
    }

    @Override
    public float[][] score(List<Frame> prepared, Rubric rubric) throws VideoException {
        return pass(prepared, boundFor(rubric), false).scores();
    }

    /**
     * The embeddings of a zero-shot model (the image tower's output, and the text tower's for
     * queries); none for a classifier.
     */
    @Override
    public Optional<FrameEmbedder> embedder() {
        return Optional.ofNullable(embedder);
    }

    /**
     * Frees the sessions once every run in progress has returned (a run is never cut off natively);
     * later calls fail with {@link ErrorCode#SCORER_FAILED}. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) { // idempotent: a classifier and a try-with-resources may both close it
            inUse.writeLock().lock();
            try {
                closeAll(textSession == null ? List.of(imageSession) : List.of(imageSession, textSession), textEncoder);
            } finally {
                inUse.writeLock().unlock();
            }
        }
    }

    /** Holds the sessions open for one run; {@link #close()} waits for it. */
    private interface Open extends AutoCloseable {
        @Override
        void close();
    }

    private Open open() throws VideoException {
        inUse.readLock().lock();
        if (closed.get()) {
            inUse.readLock().unlock();
            throw new VideoException(ErrorCode.SCORER_FAILED, "the ONNX scorer is closed");
        }
        return inUse.readLock()::unlock;
    }

    // ---- scoring and embedding ----------------------------------------------------------------

    /** The rubric's binding; a rubric that does not fit the model is {@link ErrorCode#SCORER_FAILED} here. */
    Binding boundFor(Rubric rubric) throws VideoException {
        try {
            return binding(rubric);
        } catch (IllegalArgumentException e) {
            throw new VideoException(ErrorCode.SCORER_FAILED, e.getMessage(), e);
        }
    }

    /**
     * One pass of the image model over prepared frames, in runs of at most {@link #maxBatch}: the raw
     * scores for {@code binding} (none when null) and, when asked for, the unit image embeddings.
     */
    FrameEmbedder.ScoredBatch pass(List<Frame> prepared, Binding binding, boolean embeddings) throws VideoException {
        int n = prepared.size();
        float[][] raw = binding == null ? null : new float[n][];
        float[][] vectors = embeddings ? new float[n][] : null;
        TextEncoder.Tokens tokens = kind != Kind.ZERO_SHOT ? null : binding != null ? binding.tokens() : placeholderTokens();
        for (int start = 0; start < n; start += maxBatch) {
            Run run = run(prepared.subList(start, Math.min(n, start + maxBatch)), tokens);
            float[][] unitImages = kind == Kind.CLASSIFIER ? null : unitRows(run.image());
            if (binding != null) {
                float[][] rows = switch (kind) {
                    case CLASSIFIER -> classScores(run.image(), binding);
                    case SPLIT_TOWERS -> cosines(unitImages, binding.unitText(), binding.rubric());
                    case ZERO_SHOT -> cosines(unitImages, merge(binding.rubric(), unitRows(run.text())), binding.rubric());
                };
                System.arraycopy(rows, 0, raw, start, rows.length);
            }
            if (embeddings) {
                System.arraycopy(unitImages, 0, vectors, start, unitImages.length);
            }
        }
        return new FrameEmbedder.ScoredBatch(raw, vectors);
    }

    /** The unit text embedding of a query. */
    float[] embedText(String text) throws VideoException {
        if (kind == Kind.ZERO_SHOT) {
            // the one model takes a picture with every prompt: a black one, whose output is not read
            ImageProcessor p = model.processor();
            Frame blank = new Frame(p.outputWidth(), p.outputHeight(), new byte[p.outputWidth() * p.outputHeight() * 3], 0);
            return unitRows(run(List.of(blank), textEncoder.encode(List.of(text))).text())[0];
        }
        if (textSession == null) {
            throw fail("model " + model.dir() + " has no text tower: it embeds pictures only (query by image)");
        }
        return encodeText(List.of(text))[0];
    }

    private TextEncoder.Tokens placeholderTokens() {
        TextEncoder.Tokens t = placeholderTokens;
        if (t == null) {
            t = textEncoder.encode(List.of("a photo")); // racing threads compute the same tokens
            placeholderTokens = t;
        }
        return t;
    }

    /** The image model's outputs for one run: its image rows and, for a one-model zero-shot export, its text rows. */
    private record Run(float[][] image, float[][] text) {
    }

    private Run run(List<Frame> frames, TextEncoder.Tokens tokens) throws VideoException {
        try (Open ignored = open()) {
            return runOpen(frames, tokens);
        }
    }

    private Run runOpen(List<Frame> frames, TextEncoder.Tokens tokens) throws VideoException {
        ImageProcessor processor = model.processor();
        int h = processor.outputHeight();
        int w = processor.outputWidth();
        int perFrame = 3 * h * w;
        int n = frames.size();
        FloatBuffer buffer = borrow(n * perFrame);
        List<OnnxTensor> tensors = new ArrayList<>(3);
        try {
            for (int i = 0; i < n; i++) {
                processor.toPlanar(frames.get(i), buffer, i * perFrame);
            }
            Map<String, OnnxTensor> feed = new HashMap<>();
            OnnxTensor pixels = OnnxTensor.createTensor(env, buffer.slice(0, n * perFrame), new long[] {n, 3, h, w});
            tensors.add(pixels);
            feed.put(pixelInput, pixels);
            if (tokens != null) {
                addTokens(feed, tensors, tokens);
            }
            try (OrtSession.Result result = imageSession.run(feed)) {
                return new Run(matrix(result, imageOutput), kind == Kind.ZERO_SHOT ? matrix(result, textOutput) : null);
            }
        } catch (OrtException e) {
            throw new VideoException(ErrorCode.SCORER_FAILED, "ONNX Runtime failed on " + model.dir().getFileName()
                    + ": " + oneLine(e), e);
        } finally {
            for (OnnxTensor t : tensors) {
                t.close();
            }
            giveBack(buffer);
        }
    }

    private static float[][] cosines(float[][] unitImages, float[][] unitText, Rubric rubric) throws VideoException {
        float[][] raw = new float[unitImages.length][unitText.length];
        for (int i = 0; i < unitImages.length; i++) {
            float[] img = unitImages[i];
            for (int l = 0; l < unitText.length; l++) {
                if (unitText[l].length != img.length) {
                    throw new VideoException(ErrorCode.SCORER_FAILED, "label '" + rubric.labels().get(l).id()
                            + "' has a " + unitText[l].length + "-dimensional embedding, the model gives "
                            + img.length + " dimensions");
                }
                raw[i][l] = (float) FrameEmbedder.dot(img, unitText[l]);
            }
        }
        return raw;
    }

    private float[][] classScores(float[][] logits, Binding binding) throws VideoException {
        int classes = model.classes().size();
        float[][] raw = new float[logits.length][binding.classIndices().length];
        for (int i = 0; i < logits.length; i++) {
            if (logits[i].length != classes) {
                throw new VideoException(ErrorCode.SCORER_FAILED, "the classifier gives " + logits[i].length
                        + " scores but its labels name " + classes + " classes");
            }
            double[] p = probabilities(logits[i]);
            for (int l = 0; l < raw[i].length; l++) {
                double sum = 0;
                for (int c : binding.classIndices()[l]) {
                    sum += p[c];
                }
                raw[i][l] = (float) Math.min(1.0, sum);
            }
        }
        return raw;
    }

    private double[] probabilities(float[] logits) {
        boolean probabilities = "probabilities".equals(imageOutput) || "probs".equals(imageOutput);
        if (!probabilities && !model.multiLabel()) {
            return Activations.softmax(logits, 1.0);
        }
        double[] p = new double[logits.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = probabilities ? logits[c] : Activations.sigmoid(logits[c]);
        }
        return p;
    }

    // ---- binding rubrics ----------------------------------------------------------------------

    private Binding binding(Rubric rubric) {
        // the same rubric object comes back for every video: skip hashing its JSON (~1 ms) then
        Binding known = byIdentity.get(rubric);
        if (known != null) {
            return known;
        }
        Binding b = bindings.get(rubric.contentHash());
        if (b == null) {
            b = createBinding(rubric);
            // index by the caller's and the bound rubric's hashes: scoring sees the bound one
            bindings.putIfAbsent(rubric.contentHash(), b);
            bindings.putIfAbsent(b.rubric().contentHash(), b);
        }
        synchronized (byIdentity) {
            if (byIdentity.size() >= IDENTITY_CACHE) {
                byIdentity.clear();
            }
            byIdentity.put(rubric, b);
            byIdentity.put(b.rubric(), b);
        }
        return b;
    }

    private Binding createBinding(Rubric rubric) {
        if (kind == Kind.CLASSIFIER) {
            if (rubric.mode() != ScoreMode.DIRECT) {
                throw new IllegalArgumentException("a classifier model needs a rubric in \"direct\" mode, not \""
                        + rubric.mode().wireName() + "\"");
            }
            int[][] indices = new int[rubric.labels().size()][];
            for (int l = 0; l < indices.length; l++) {
                List<String> names = rubric.labels().get(l).classNames();
                indices[l] = new int[names.size()];
                for (int k = 0; k < names.size(); k++) {
                    int c = model.classes().indexOf(names.get(k));
                    if (c < 0) {
                        throw new IllegalArgumentException("label '" + rubric.labels().get(l).id() + "' names class '"
                                + names.get(k) + "', the model's classes are " + model.classes());
                    }
                    indices[l][k] = c;
                }
            }
            return new Binding(rubric, null, null, indices);
        }
        if (rubric.mode() == ScoreMode.DIRECT) {
            throw new IllegalArgumentException("a zero-shot model needs a \"contrastive\" or \"sigmoid\" rubric, not \"direct\"");
        }
        double scale = model.logitScale();
        Rubric bound = Double.isNaN(scale) ? rubric : rubric.withModelLogits(scale, model.logitBias());
        List<String> prompts = new ArrayList<>();
        for (RubricLabel l : bound.labels()) {
            prompts.add(l.text());
        }
        if (kind == Kind.ZERO_SHOT) {
            return new Binding(bound, null, textEncoder.encode(prompts), null);
        }
        float[][] encoded = null;
        if (needsTextTower(bound)) {
            if (textSession == null) {
                throw new IllegalArgumentException("model " + model.dir() + " has no text tower: give every label an \"embedding\"");
            }
            try {
                encoded = encodeText(prompts);
            } catch (VideoException e) {
                throw new IllegalArgumentException("the text tower failed on the rubric's prompts: " + e.getMessage(), e);
            }
        }
        return new Binding(bound, merge(bound, encoded), null, null);
    }

    private static boolean needsTextTower(Rubric rubric) {
        for (RubricLabel l : rubric.labels()) {
            if (l.embedding() == null) {
                return true;
            }
        }
        return false;
    }

    /** Unit text embeddings per label: the label's precomputed one where given, else the encoded row. */
    private static float[][] merge(Rubric rubric, float[][] encodedUnit) {
        float[][] out = new float[rubric.labels().size()][];
        for (int l = 0; l < out.length; l++) {
            float[] given = rubric.labels().get(l).embedding();
            out[l] = given != null ? FrameEmbedder.unit(given) : encodedUnit[l];
        }
        return out;
    }

    /** Unit text-tower embeddings of the prompts, in one run. */
    private float[][] encodeText(List<String> prompts) throws VideoException {
        try (Open ignored = open()) {
            return encodeTextOpen(prompts);
        }
    }

    private float[][] encodeTextOpen(List<String> prompts) throws VideoException {
        TextEncoder.Tokens tokens = textEncoder.encode(prompts);
        List<OnnxTensor> tensors = new ArrayList<>(2);
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            addTokens(feed, tensors, tokens);
            try (OrtSession.Result result = textSession.run(feed)) {
                return unitRows(matrix(result, textOutput));
            }
        } catch (OrtException e) {
            throw fail("the text tower of " + model.dir().getFileName() + " failed: " + oneLine(e));
        } finally {
            for (OnnxTensor t : tensors) {
                t.close();
            }
        }
    }

    private void addTokens(Map<String, OnnxTensor> feed, List<OnnxTensor> tensors, TextEncoder.Tokens tokens) throws OrtException {
        OnnxTensor ids = OnnxTensor.createTensor(env, tokens.ids());
        tensors.add(ids);
        feed.put("input_ids", ids);
        if (textUsesMask) {
            OnnxTensor mask = OnnxTensor.createTensor(env, tokens.mask());
            tensors.add(mask);
            feed.put("attention_mask", mask);
        }
    }

    // ---- sessions and tensors -----------------------------------------------------------------

    private static TextEncoder textEncoder(ModelDirectory model, NodeInfo ids, boolean usesMask) throws IOException, VideoException {
        if (model.tokenizer() == null) {
            throw fail("the model has a text input but " + model.dir() + " has no tokenizer.json");
        }
        long[] shape = ((TensorInfo) ids.getInfo()).getShape();
        long fixed = shape.length == 2 ? shape[1] : -1;
        return new TextEncoder(model.tokenizer(), model.tokenizerConfig(), fixed, usesMask);
    }

    private FloatBuffer borrow(int floats) {
        FloatBuffer b = buffers.pollFirst();
        if (b == null || b.capacity() < floats) {
            b = ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return b;
    }

    private void giveBack(FloatBuffer b) {
        if (buffers.size() < POOLED_BUFFERS) {
            buffers.offerFirst(b);
        }
    }

    private static float[][] unitRows(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = FrameEmbedder.unit(rows[i]);
        }
        return out;
    }

    private static void closeAll(List<OrtSession> sessions, TextEncoder encoder) {
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException e) {
                LOG.warn("closing an ONNX session failed: {}", e.getMessage());
            }
        }
        if (encoder != null) {
            encoder.close();
        }
    }

}
