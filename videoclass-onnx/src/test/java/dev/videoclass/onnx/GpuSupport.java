package dev.videoclass.onnx;

import dev.videoclass.VideoException;

import java.nio.file.Path;

/** Whether the CUDA execution provider can run a model here (decided once, by trying). */
final class GpuSupport {
    private static Boolean usable;

    private GpuSupport() {
    }

    static synchronized boolean cudaUsable(Path modelDir) {
        if (usable == null) {
            try (OnnxScorer s = OnnxScorer.open(modelDir, OnnxOptions.builder().provider(OnnxOptions.Provider.CUDA).build())) {
                usable = "cuda".equals(s.executionProvider());
            } catch (VideoException e) {
                usable = false;
            }
        }
        return usable;
    }
}
