package dev.videoclass.onnx.demo.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.videoclass.onnx.demo.graph.OnnxGraphBuilder.Attribute;
import dev.videoclass.onnx.demo.graph.OnnxGraphBuilder.ElementType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxGraphBuilderTest {
    @Test
    void aWrittenGraphLoadsInOnnxRuntimeAndComputesWhatItSays() throws Exception {
        OnnxGraphBuilder g = new OnnxGraphBuilder("affine");
        g.input("x", ElementType.FLOAT, "batch", 2);
        String w = g.constant("w", new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        String y = g.node("MatMul", List.of("x", w), "xw");
        String z = g.node("Add", List.of(y, g.scalar(0.5f)), "shifted");
        g.node("ReduceSum", List.of(z, g.longs(1)), "sum", Attribute.of("keepdims", 0L));
        g.output("sum", ElementType.FLOAT, "batch");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(g.toBytes(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {{1, 0}, {0, 2}});
             OrtSession.Result r = s.run(Map.of("x", x))) {
            TensorInfo in = (TensorInfo) s.getInputInfo().get("x").getInfo();
            assertThat(in.getShape()).containsExactly(-1, 2);
            float[] sum = (float[]) r.get(0).getValue();
            // row 1: [1,2,3] + 0.5 each = 7.5; row 2: 2*[4,5,6] + 0.5 each = 31.5
            assertThat(sum).containsExactly(7.5f, 31.5f);
        }
    }

    @Test
    void shapesThatDoNotMatchTheValuesAreRefused() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("bad");
        assertThatThrownBy(() -> g.constant("w", new float[] {1, 2, 3}, 2, 2)).hasMessageContaining("3 values");
        assertThatThrownBy(() -> g.input("x", ElementType.FLOAT, 1.5)).hasMessageContaining("Integer or a String");
    }

    @Test
    void largeConstantsGoToAnExternalDataFileAndComputeAsInline(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.util.function.Supplier<OnnxGraphBuilder> graph = () -> {
            OnnxGraphBuilder g = new OnnxGraphBuilder("random-matmul");
            g.input("x", ElementType.FLOAT, "batch", 64);
            String w = g.randomConstant("w", ElementType.FLOAT, 0.5f, 42, 64, 64);
            g.node("MatMul", List.of("x", w), "y");
            g.output("y", ElementType.FLOAT, "batch", 64);
            return g;
        };
        java.nio.file.Path external = dir.resolve("external.onnx");
        graph.get().writeWithExternalData(external);
        assertThat(dir.resolve("external.onnx.data")).hasSize(64 * 64 * 4);
        assertThat(java.nio.file.Files.size(external)).isLessThan(1024);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] in = new float[1][64];
        for (int i = 0; i < 64; i++) {
            in[0][i] = (i % 7) - 3;
        }
        try (OrtSession inline = env.createSession(graph.get().toBytes(), new OrtSession.SessionOptions());
             OrtSession fromFile = env.createSession(external.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, in);
             OrtSession.Result a = inline.run(Map.of("x", x));
             OrtSession.Result b = fromFile.run(Map.of("x", x))) {
            float[][] ya = (float[][]) a.get(0).getValue();
            assertThat((float[][]) b.get(0).getValue()).isDeepEqualTo(ya);
            assertThat(ya[0]).as("random weights, not zeros").isNotEqualTo(new float[64]);
        }
    }

    @Test
    void halfPrecisionConstantsRoundToNearestAndLoad() throws Exception {
        assertThat(OnnxGraphBuilder.toHalf(1f)).isEqualTo((short) 0x3C00);
        assertThat(OnnxGraphBuilder.toHalf(-2f)).isEqualTo((short) 0xC000);
        assertThat(OnnxGraphBuilder.toHalf(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(OnnxGraphBuilder.toHalf(1e6f)).isEqualTo((short) 0x7C00);
        assertThat(OnnxGraphBuilder.toHalf(0.1f)).isEqualTo((short) 0x2E66);
        assertThat(OnnxGraphBuilder.toHalf(6.0e-8f)).as("smallest subnormal").isEqualTo((short) 0x0001);
        assertThat(OnnxGraphBuilder.toHalf(1e-9f)).isEqualTo((short) 0);
        OnnxGraphBuilder g = new OnnxGraphBuilder("half");
        g.input("x", ElementType.FLOAT, 3);
        String h = g.constantHalf("h", new float[] {0.5f, -1.25f, 3f}, 3);
        String asFloat = g.node("Cast", List.of(h), "h_float", Attribute.of("to", 1L));
        g.node("Add", List.of("x", asFloat), "y");
        g.output("y", ElementType.FLOAT, 3);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(g.toBytes(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, new float[] {1, 1, 1});
             OrtSession.Result r = s.run(Map.of("x", x))) {
            assertThat((float[]) r.get(0).getValue()).containsExactly(1.5f, -0.25f, 4f);
        }
    }
}
