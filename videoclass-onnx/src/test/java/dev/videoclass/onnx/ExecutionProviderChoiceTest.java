package dev.videoclass.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import dev.videoclass.onnx.demo.DemoModel;
import dev.videoclass.onnx.internal.NvidiaDriver;
import dev.videoclass.onnx.internal.OrtNatives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which ONNX Runtime build the tests run on, and what forcing CUDA says on each. */
class ExecutionProviderChoiceTest {
    @TempDir
    static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        OrtNatives.prepare();
        DemoModel.write(model);
    }

    static boolean gpuBuild() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /** The surefire execution names the artifact it put on the class path (pom.xml); this is it. */
    @Test
    void theTestsRunOnTheOnnxRuntimeBuildTheirExecutionNames() {
        String expected = System.getProperty("videoclass.test.onnxruntime");
        assumeTrue(expected != null, "not run by the module's surefire executions");
        assertThat(gpuBuild() ? "onnxruntime_gpu" : "onnxruntime").isEqualTo(expected);
    }

    @Test
    void forcingCudaOnTheCpuBuildNamesTheArtifactThatHasIt() {
        assumeTrue(!gpuBuild(), "runs on ONNX Runtime's CPU build");
        assertThatThrownBy(() -> OnnxScorer.open(model, OnnxOptions.builder().provider(OnnxOptions.Provider.CUDA).build()))
                .isInstanceOf(VideoException.class)
                .satisfies(e -> assertThat(((VideoException) e).code()).isEqualTo(ErrorCode.SCORER_FAILED))
                .hasMessageContaining("has no CUDA provider")
                .hasMessageContaining("com.microsoft.onnxruntime:onnxruntime_gpu:" + OrtEnvironment.getEnvironment().getVersion());
    }

    @Test
    void forcingCudaOnTheGpuBuildWithoutADriverSaysSo() {
        assumeTrue(gpuBuild() && !NvidiaDriver.present(), "runs on the GPU build on a machine without an NVIDIA driver");
        assertThatThrownBy(() -> OnnxScorer.open(model, OnnxOptions.builder().provider(OnnxOptions.Provider.CUDA).build()))
                .isInstanceOf(VideoException.class)
                .hasMessageContaining("no NVIDIA driver");
    }
}
