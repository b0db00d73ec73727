package dev.videoclass.onnx;

import dev.videoclass.ImageClassifier;

import java.nio.file.Path;

/**
 * The process {@link ProcessHygieneTest} watches: opens the model directory in {@code args[0]} twice
 * with the default options, scores one frame and prints the execution provider.
 */
public final class HygieneChild {
    private HygieneChild() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        for (int i = 0; i < 2; i++) {
            try (OnnxScorer scorer = OnnxScorer.open(model)) {
                new ImageClassifier(scorer, null, null).judge(DemoExpectations.solid(0xE01818, 64, 48));
                System.out.println("provider=" + scorer.executionProvider());
            }
        }
    }
}
