package dev.videoclass.benchmarks;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a vision tower with the shapes (not the weights) of a SigLIP-style ViT — by default
 * SigLIP so400m at 384 px: 14-px patches (729 tokens), width 1152, 27 pre-norm encoder layers with
 * 16 heads and MLP width 4304 — with seeded random weights in fp32 or fp16, plus the
 * {@code preprocessor_config.json} and a rubric of precomputed embeddings, so that
 * {@link dev.videoclass.onnx.OnnxScorer} scores with it. Its compute is the real model's; its scores
 * mean nothing. For speed measurements only. The final pooling is a token mean (so400m's attention
 * pooling head costs under 1 % of the layers).
 */
public final class VitShapedModel {
    /** so400m's patch side, width, MLP width and heads. */
    public static final int PATCH = 14;
    public static final int WIDTH = 1152;
    public static final int MLP = 4304;
    public static final int HEADS = 16;
    public static final int SIZE = 384;

    private VitShapedModel() {
    }

    /** Writes {@code vision_model.onnx} (+ {@code .data}), the preprocessor config and a rubric into {@code dir}. */
    public static void write(Path dir, int depth, boolean fp16) throws IOException {
        Files.createDirectories(dir);
        build(depth, fp16).writeWithExternalData(dir.resolve("vision_model.onnx"));
        Files.writeString(dir.resolve("preprocessor_config.json"), """
                {"do_resize": true, "size": {"height": 384, "width": 384}, "resample": 2, "do_rescale": true,
                 "rescale_factor": 0.00392156862745098, "do_normalize": true,
                 "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}""", StandardCharsets.UTF_8);
        Random r = new Random(7);
        List<RubricLabel> labels = new ArrayList<>();
        String[] ids = {"explicit", "safe", "hq", "lq", "beach", "party", "food", "pet"};
        LabelRole[] roles = {LabelRole.EXPLICIT, LabelRole.SAFE, LabelRole.QUALITY_POS, LabelRole.QUALITY_NEG,
            LabelRole.TAG, LabelRole.TAG, LabelRole.TAG, LabelRole.TAG};
        for (int i = 0; i < ids.length; i++) {
            float[] e = new float[WIDTH];
            for (int d = 0; d < WIDTH; d++) {
                e[d] = (float) r.nextGaussian();
            }
            labels.add(new RubricLabel(ids[i], ids[i], roles[i], e, null));
        }
        Files.writeString(dir.resolve("rubric.json"),
                new Rubric("vit-shaped", ScoreMode.SIGMOID, null, 10.0, -5.0, labels, 0.5, 0.3).toJson());
    }

    static OnnxGraphBuilder build(int depth, boolean fp16) {
        ElementType t = fp16 ? ElementType.FLOAT16 : ElementType.FLOAT;
        OnnxGraphBuilder g = new OnnxGraphBuilder("vit-" + WIDTH + "x" + depth + (fp16 ? "-fp16" : ""));
        g.input("pixel_values", ElementType.FLOAT, "batch", 3, SIZE, SIZE);
        int grid = SIZE / PATCH;
        int tokens = grid * grid;
        long seed = 1;
        String x = fp16 ? g.node("Cast", List.of("pixel_values"), "pixels_half", Attribute.of("to", 10L)) : "pixel_values";
        x = g.node("Conv", List.of(x, g.randomConstant("patch_w", t, 0.02f, seed++, WIDTH, 3, PATCH, PATCH),
                        g.randomConstant("patch_b", t, 0.02f, seed++, WIDTH)), "patches",
                Attribute.ints("kernel_shape", PATCH, PATCH), Attribute.ints("strides", PATCH, PATCH));
        x = g.node("Reshape", List.of(x, g.longs(-1, WIDTH, tokens)), "patches_flat");
        x = g.node("Transpose", List.of(x), "tokens", Attribute.ints("perm", 0, 2, 1)); // [batch, tokens, width]
        x = g.node("Add", List.of(x, g.randomConstant("pos", t, 0.02f, seed++, tokens, WIDTH)), "embedded");
        int headDim = WIDTH / HEADS;
        String scale = fp16 ? g.constantHalf("attn_scale", new float[] {(float) (1 / Math.sqrt(headDim))})
                : g.scalar((float) (1 / Math.sqrt(headDim)));
        for (int l = 0; l < depth; l++) {
            String p = "l" + l + "_";
            String h = layerNorm(g, x, p + "ln1", t, seed++);
            String qkv = g.node("MatMul", List.of(h, g.randomConstant(p + "qkv_w", t, 0.02f, seed++, WIDTH, 3L * WIDTH)), p + "qkv");
            qkv = g.node("Add", List.of(qkv, g.randomConstant(p + "qkv_b", t, 0.02f, seed++, 3L * WIDTH)), p + "qkv_b_out");
            String heads = g.node("Reshape", List.of(qkv, g.longs(0, tokens, 3, HEADS, headDim)), p + "qkv_heads");
            heads = g.node("Transpose", List.of(heads), p + "qkv_t", Attribute.ints("perm", 2, 0, 3, 1, 4)); // [3,b,h,t,d]
            String q = g.node("Gather", List.of(heads, g.constant(p + "i0", new long[] {0})), p + "q", Attribute.of("axis", 0L));
            String k = g.node("Gather", List.of(heads, g.constant(p + "i1", new long[] {1})), p + "k", Attribute.of("axis", 0L));
            String v = g.node("Gather", List.of(heads, g.constant(p + "i2", new long[] {2})), p + "v", Attribute.of("axis", 0L));
            String kt = g.node("Transpose", List.of(k), p + "kt", Attribute.ints("perm", 0, 1, 3, 2));
            String att = g.node("MatMul", List.of(q, kt), p + "scores");
            att = g.node("Mul", List.of(att, scale), p + "scores_scaled");
            att = g.node("Softmax", List.of(att), p + "attn", Attribute.of("axis", -1L));
            String o = g.node("MatMul", List.of(att, v), p + "attn_out"); // [b,h,t,d]
            o = g.node("Transpose", List.of(o), p + "attn_t", Attribute.ints("perm", 0, 2, 1, 3));
            o = g.node("Reshape", List.of(o, g.longs(0, tokens, WIDTH)), p + "attn_flat");
            o = g.node("MatMul", List.of(o, g.randomConstant(p + "proj_w", t, 0.02f, seed++, WIDTH, WIDTH)), p + "proj");
            x = g.node("Add", List.of(x, o), p + "res1");
            h = layerNorm(g, x, p + "ln2", t, seed++);
            h = g.node("MatMul", List.of(h, g.randomConstant(p + "fc1_w", t, 0.02f, seed++, WIDTH, MLP)), p + "fc1");
            h = g.node("Add", List.of(h, g.randomConstant(p + "fc1_b", t, 0.02f, seed++, MLP)), p + "fc1_b_out");
            h = gelu(g, h, p, fp16);
            h = g.node("MatMul", List.of(h, g.randomConstant(p + "fc2_w", t, 0.02f, seed++, MLP, WIDTH)), p + "fc2");
            x = g.node("Add", List.of(x, h), p + "res2");
        }
        x = layerNorm(g, x, "post_ln", t, seed++);
        x = g.node("ReduceMean", List.of(x), "pooled", Attribute.ints("axes", 1), Attribute.of("keepdims", 0L));
        if (fp16) {
            x = g.node("Cast", List.of(x), "pooled_float", Attribute.of("to", 1L));
        }
        g.node("Identity", List.of(x), "image_embeds");
        g.output("image_embeds", ElementType.FLOAT, "batch", WIDTH);
        return g;
    }

    private static String layerNorm(OnnxGraphBuilder g, String x, String name, ElementType t, long seed) {
        return g.node("LayerNormalization", List.of(x, g.randomConstant(name + "_g", t, 0.02f, seed, WIDTH),
                g.randomConstant(name + "_b", t, 0.02f, seed + 1_000_000, WIDTH)), name,
                Attribute.of("axis", -1L), Attribute.of("epsilon", 1e-6f));
    }

    /** GELU, tanh form (so400m's): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
    private static String gelu(OnnxGraphBuilder g, String x, String p, boolean fp16) {
        java.util.function.Function<Float, String> c = v -> fp16
                ? g.constantHalf(p + "c" + Float.floatToIntBits(v), new float[] {v}) : g.scalar(v);
        String x3 = g.node("Mul", List.of(g.node("Mul", List.of(x, x), p + "x2"), x), p + "x3");
        String inner = g.node("Add", List.of(x, g.node("Mul", List.of(x3, c.apply(0.044715f)), p + "x3c")), p + "gin");
        String th = g.node("Tanh", List.of(g.node("Mul", List.of(inner, c.apply((float) Math.sqrt(2 / Math.PI))), p + "gs")), p + "gt");
        String one = g.node("Add", List.of(th, c.apply(1f)), p + "g1");
        return g.node("Mul", List.of(g.node("Mul", List.of(x, one), p + "gx"), c.apply(0.5f)), p + "gelu");
    }
}
