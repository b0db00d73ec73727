package dev.videoclass.onnx.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.videoclass.onnx.internal.Errors.fail;

/**
 * What the ONNX scorer checks and reads on a session: which input takes the pixels, whether its shape
 * fits the preprocessing, which output to read, and reading a {@code [batch, n]} output. Stateless.
 */
public final class OrtSessions {
    private OrtSessions() {
    }

    /** {@code pixel_values}, else the first 4-D tensor input. */
    public static String pixelInput(Map<String, NodeInfo> inputs) throws VideoException {
        if (inputs.containsKey("pixel_values")) {
            return "pixel_values";
        }
        for (Map.Entry<String, NodeInfo> e : inputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 4) {
                return e.getKey();
            }
        }
        throw fail("the model has no image input (pixel_values or a 4-D tensor); its inputs are " + inputs.keySet());
    }

    /** Checks that a pixel input takes float32 {@code [batch, 3, height, width]} (dynamic dimensions fit any size). */
    public static void checkPixelShape(NodeInfo info, int height, int width) throws VideoException {
        long[] shape = ((TensorInfo) info.getInfo()).getShape();
        String expected = "[batch, 3, " + height + ", " + width + "]";
        if (shape.length != 4 || !fits(shape[1], 3) || !fits(shape[2], height) || !fits(shape[3], width)) {
            throw fail("model input " + info.getName() + " has shape " + Arrays.toString(shape)
                    + " but preprocessor_config.json gives " + expected + " (NCHW)");
        }
        if (((TensorInfo) info.getInfo()).type != OnnxJavaType.FLOAT) {
            throw fail("model input " + info.getName() + " is " + ((TensorInfo) info.getInfo()).type + ", expected float32");
        }
    }

    private static boolean fits(long dim, int size) {
        return dim < 0 || dim == size;
    }

    /** The most frames per run: the input's fixed batch size when it has one, at most {@code configured}. */
    public static int batchLimit(NodeInfo pixels, int configured) {
        long batch = ((TensorInfo) pixels.getInfo()).getShape()[0];
        return batch > 0 ? (int) Math.min(batch, configured) : configured;
    }

    /** Fails when the model needs an input outside {@code known}. */
    public static void requireOnly(Map<String, NodeInfo> inputs, List<String> known, Path file) throws VideoException {
        for (String name : inputs.keySet()) {
            if (!known.contains(name)) {
                throw fail(file.getFileName() + " needs input '" + name + "', which this scorer cannot supply");
            }
        }
    }

    /** The first of {@code preferred} among the outputs, else the only output, else the first 2-D one. */
    public static String pickOutput(OrtSession session, List<String> preferred, Path file) throws OrtException, VideoException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        for (String name : preferred) {
            if (outputs.containsKey(name)) {
                return name;
            }
        }
        if (outputs.size() == 1) {
            return outputs.keySet().iterator().next();
        }
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 2) {
                return e.getKey();
            }
        }
        throw fail(file.getFileName() + " has no usable output among " + outputs.keySet() + " (expected one of " + preferred + ")");
    }

    /** The output {@code name} as a {@code [batch, n]} float matrix. */
    public static float[][] matrix(OrtSession.Result result, String name) throws VideoException, OrtException {
        OnnxValue v = result.get(name).orElseThrow(() -> new VideoException(ErrorCode.SCORER_FAILED, "the model gave no " + name));
        Object value = v.getValue();
        if (!(value instanceof float[][] m)) {
            throw new VideoException(ErrorCode.SCORER_FAILED, "model output " + name + " is not a float matrix [batch, n]");
        }
        return m;
    }
}
