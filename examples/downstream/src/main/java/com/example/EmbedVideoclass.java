package com.example;

import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.Verdict;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.onnx.OnnxScorer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Classifies one video with an ONNX model: {@code EmbedVideoclass VIDEO MODEL_DIR}. */
public final class EmbedVideoclass {
    private EmbedVideoclass() {
    }

    public static void main(String[] args) throws Exception {
        Verdict v = classify(Files.readAllBytes(Path.of(args[0])), Path.of(args[1]));
        System.out.println(v.isDone()
                ? "explicit=" + v.isExplicit() + " quality=" + v.qualityScore() + " tags=" + v.sceneTags()
                : "failed: " + v.error().code() + " " + v.error().message());
    }

    static Verdict classify(byte[] upload, Path modelDir) throws Exception {
        // one classifier per service: thread safe; closing it closes the scorer
        try (VideoClassifier classifier = VideoClassifier.builder()
                .decoder(new FfmpegVideoDecoder())          // videoclass-ffmpeg
                .scorer(OnnxScorer.open(modelDir))          // videoclass-onnx: model + its rubric.json
                .build()) {
            return classifier.classify(VideoInput.of(upload));  // never throws for bad input
        }
    }
}
