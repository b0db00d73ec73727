package dev.videoclass.examples.snippets;

import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.onnx.OnnxOptions;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.rubric.Rubric;

import java.io.IOException;
import java.nio.file.Path;

/** An ONNX model with explicit options and a rubric file. */
public final class OnnxScoring {
    private OnnxScoring() {
    }

    /** Classifies an upload with the model in {@code modelDir} and the rubric in {@code rubricFile}. */
    public static Verdict classify(Path modelDir, Path rubricFile, byte[] upload) throws VideoException, IOException {
        // tag::onnx[]
        try (OnnxScorer scorer = OnnxScorer.open(modelDir, OnnxOptions.builder()
                     .provider(OnnxOptions.Provider.AUTO)   // CUDA when onnxruntime_gpu and a driver are there
                     .intraOpThreads(0).maxBatchSize(16).build());
             VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder())
                     .scorer(scorer).rubric(Rubric.load(rubricFile)).build()) {
            return vc.classify(VideoInput.of(upload));
        }
        // end::onnx[]
    }
}
