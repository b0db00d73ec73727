package dev.videoclass.spark;

import dev.videoclass.ClassifierSettings;
import dev.videoclass.Limits;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.aggregate.Aggregators;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.onnx.OnnxOptions;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.scene.DetectorKind;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything an executor needs to build the job's classifier, as plain values that travel with the
 * tasks (the library's settings are not {@link Serializable}). Equal specs share one classifier per
 * executor JVM ({@link ExecutorClassifiers}). Immutable.
 *
 * @param sampler      sampler mode name ({@code auto|exact|keyframes|uniform})
 * @param minKeyframes fewest keyframes per video
 * @param maxKeyframes most keyframes per video
 * @param threshold    content detector threshold, 0–255 HSV scale
 * @param intervalS    seconds between frames for the uniform sampler
 * @param detector     scene detector name ({@code content|adaptive}), or null for the default
 * @param limits       size, duration, pixel and time limits
 * @param scorer       {@code heuristic} or {@code onnx}
 * @param model        the ONNX model directory as named on the command line, or null
 * @param modelShipped whether the driver shipped the model directory with {@code SparkContext.addFile}
 *                     (executors then find it under its name in {@code SparkFiles}); otherwise
 *                     {@code model} is read where it stands on every executor
 * @param provider     ONNX execution provider ({@code auto|cuda|cpu})
 * @param batchSize    most keyframes per ONNX run
 * @param rubricJson   the rubric file's text, or null for the scorer's own rubric
 * @param aggregator   aggregator name ({@code max|mean|topK-mean})
 * @param posters      whether verdicts keep their poster JPEG
 */
record ClassifierSpec(String sampler, int minKeyframes, int maxKeyframes, double threshold, double intervalS,
                      String detector, LimitValues limits, String scorer, String model, boolean modelShipped,
                      String provider, int batchSize, String rubricJson, String aggregator, boolean posters)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * {@link Limits} as plain values.
     *
     * @param maxBytes      largest input, bytes
     * @param maxDurationS  longest video, seconds
     * @param maxPixels     largest frame, width × height
     * @param timeoutMillis wall clock for one video's read, probe, decode and capture, milliseconds
     */
    record LimitValues(long maxBytes, double maxDurationS, long maxPixels, long timeoutMillis) implements Serializable {
        private static final long serialVersionUID = 1L;

        Limits limits() {
            return new Limits(maxBytes, maxDurationS, maxPixels, Duration.ofMillis(timeoutMillis));
        }
    }

    /**
     * The classifier settings these values describe (everything but the scorer).
     *
     * @throws IllegalArgumentException naming the value that is not valid
     */
    ClassifierSettings settings() {
        SamplerMode mode = SamplerMode.find(sampler).orElseThrow(() -> new IllegalArgumentException(
                "unknown sampler '" + sampler + "' (auto, exact, keyframes, uniform)"));
        DetectorKind kind = detector == null ? SamplingPolicy.DEFAULT_DETECTOR : DetectorKind.find(detector)
                .orElseThrow(() -> new IllegalArgumentException("unknown detector '" + detector + "' (content, adaptive)"));
        SamplingPolicy policy = SamplingPolicy.DEFAULTS.withMode(mode).withDetector(kind)
                .withBand(minKeyframes, maxKeyframes).withThreshold(threshold).withUniformIntervalS(intervalS);
        ClassifierSettings s = ClassifierSettings.DEFAULTS.withPolicy(policy).withLimits(limits.limits())
                .withAggregator(Aggregators.parse(aggregator))
                .withRubric(rubricJson == null ? null : Rubric.parse(rubricJson));
        return posters ? s : s.withPoster(0, s.posterQuality());
    }

    /**
     * Checks the values on the driver, before any executor builds a classifier from them.
     *
     * @throws IllegalArgumentException naming the value that is not valid
     */
    void validate() {
        settings();
        if (!scorer.equals("heuristic") && !scorer.equals("onnx")) {
            throw new IllegalArgumentException("unknown scorer '" + scorer + "' (heuristic, onnx)");
        }
        if (scorer.equals("onnx") && model == null) {
            throw new IllegalArgumentException("--scorer onnx needs --model DIR");
        }
        onnxOptions(0);
    }

    /**
     * A classifier on FFmpeg with these settings.
     *
     * @param modelDir   the ONNX model directory on this machine (ignored for the heuristic scorer)
     * @param cudaDevice the CUDA device the ONNX scorer uses when its provider is CUDA
     * @throws VideoException when the ONNX model cannot be loaded
     */
    VideoClassifier open(Path modelDir, int cudaDevice) throws VideoException {
        VideoClassifier.Builder b = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).settings(settings());
        if (!scorer.equals("onnx")) {
            return b.build();
        }
        OnnxScorer onnx = OnnxScorer.open(modelDir, onnxOptions(cudaDevice));
        try {
            return b.scorer(onnx).build();
        } catch (RuntimeException e) { // a rubric that does not fit the model: the scorer is still ours
            onnx.close();
            throw e;
        }
    }

    private OnnxOptions onnxOptions(int cudaDevice) {
        return OnnxOptions.builder().provider(OnnxOptions.Provider.parse(provider)).maxBatchSize(batchSize)
                .cudaDevice(cudaDevice).build();
    }
}
