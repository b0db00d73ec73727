package dev.videoclass.onnx;

import dev.videoclass.ImageClassifier;
import dev.videoclass.onnx.demo.DemoModel;
import dev.videoclass.Judgement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs only where the CUDA provider loads (an NVIDIA GPU with CUDA 12 and cuDNN 9); skipped elsewhere. */
class CudaScorerTest {
    @TempDir
    Path tmp;

    @Test
    void theCudaProviderScoresLikeTheCpuProvider() throws Exception {
        DemoModel.write(tmp);
        Assumptions.assumeTrue(GpuSupport.cudaUsable(tmp),
                "skipped: no usable CUDA execution provider on this machine (needs an NVIDIA GPU, CUDA 12, cuDNN 9)");
        try (OnnxScorer gpu = OnnxScorer.open(tmp, OnnxOptions.builder().provider(OnnxOptions.Provider.CUDA).build());
             OnnxScorer cpu = OnnxScorer.open(tmp, OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).build());
             OnnxScorer auto = OnnxScorer.open(tmp)) {
            assertThat(gpu.executionProvider()).isEqualTo("cuda");
            assertThat(auto.executionProvider()).as("AUTO prefers CUDA").isEqualTo("cuda");
            for (int colour : new int[] {0xE01818, 0x1820D0, 0x808080}) {
                Judgement g = new ImageClassifier(gpu, null, null).judge(DemoExpectations.solid(colour, 640, 480));
                Judgement c = new ImageClassifier(cpu, null, null).judge(DemoExpectations.solid(colour, 640, 480));
                c.scores().forEach((label, s) -> assertThat(g.scores().get(label)).as(label).isCloseTo(s, within(1e-3)));
            }
        }
    }
}
