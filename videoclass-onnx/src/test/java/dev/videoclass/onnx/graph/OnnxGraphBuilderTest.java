package dev.videoclass.onnx.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.videoclass.onnx.graph.OnnxGraphBuilder.Attribute;
import dev.videoclass.onnx.graph.OnnxGraphBuilder.ElementType;
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
}
