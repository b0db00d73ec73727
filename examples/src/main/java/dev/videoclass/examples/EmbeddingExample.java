package dev.videoclass.examples;

import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest embedding: build one classifier for the whole service, classify uploads as byte
 * arrays, branch on the status. Run with a video path as the only argument.
 */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EmbeddingExample VIDEO");
            System.exit(2);
        }
        byte[] upload = Files.readAllBytes(Path.of(args[0]));
        // One instance per service: thread safe, holds the scorer; close it at shutdown.
        try (VideoClassifier classifier = VideoClassifier.builder()
                .decoder(new FfmpegVideoDecoder())
                .build()) {
            Verdict v = classifier.classify(VideoInput.of(upload));
            if (v.isDone()) {
                System.out.printf("explicit=%s quality=%.2f tags=%s keyframes=%d (%s)%n",
                        v.isExplicit(), v.qualityScore(), v.sceneTags(), v.inferences(), v.sampler());
            } else {
                System.out.printf("failed: %s (%s)%n", v.error().code(), v.error().message());
            }
            System.out.println(VerdictJson.toJson(v.error() == null ? v.evidence() : v.error()));
        }
    }
}
