package dev.videoclass.spark;

import dev.videoclass.Limits;
import dev.videoclass.SamplingPolicy;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The classifier options of the CLI's {@code backfill} (sampling, scorer, rubric, limits), with the
 * same names and the library's defaults, turned into the {@link ClassifierSpec} the executors build
 * their classifier from. A picocli mixin; not thread safe.
 */
final class ClassifierOptions {
    private static final long MIB = 1024L * 1024L;

    @Option(names = "--sampler", description = "auto, exact, keyframes or uniform (default ${DEFAULT-VALUE})")
    String sampler = SamplingPolicy.DEFAULTS.mode().name().toLowerCase(Locale.ROOT);
    @Option(names = "--min-keyframes", description = "fewest keyframes (default ${DEFAULT-VALUE})")
    int minKeyframes = SamplingPolicy.DEFAULTS.minKeyframes();
    @Option(names = "--max-keyframes", description = "most keyframes (default ${DEFAULT-VALUE})")
    int maxKeyframes = SamplingPolicy.DEFAULTS.maxKeyframes();
    @Option(names = "--threshold", description = "scene-change threshold, 0-255 HSV scale (default ${DEFAULT-VALUE})")
    double threshold = SamplingPolicy.DEFAULTS.threshold();
    @Option(names = "--interval", description = "seconds between frames for --sampler uniform (default ${DEFAULT-VALUE})")
    double interval = SamplingPolicy.DEFAULTS.uniformIntervalS();
    @Option(names = "--detector", paramLabel = "content|adaptive", description = "scene detector (default content)")
    String detector;

    @Option(names = "--scorer", defaultValue = "heuristic", description = "heuristic or onnx (default ${DEFAULT-VALUE})")
    String scorer;
    @Option(names = "--model", paramLabel = "DIR",
            description = "ONNX model directory for --scorer onnx, on the driver: shipped to the executors (SparkContext.addFile)")
    String model;
    @Option(names = "--model-shared",
            description = "--model names a directory every executor already has at that path (a shared mount, or an --archives name): not shipped")
    boolean modelShared;
    @Option(names = "--provider", defaultValue = "auto",
            description = "ONNX execution provider: auto (CUDA when usable), cuda or cpu (default ${DEFAULT-VALUE})")
    String provider;
    @Option(names = "--batch-size", defaultValue = "16", description = "most keyframes per ONNX run (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--rubric", paramLabel = "FILE", description = "rubric JSON file on the driver (default: the scorer's own)")
    Path rubric;
    @Option(names = "--aggregator", defaultValue = "max", description = "max, mean or topK-mean, e.g. top3-mean (default ${DEFAULT-VALUE})")
    String aggregator;
    @Option(names = "--posters", description = "keep each verdict's poster JPEG in verdict_json (default: left out)")
    boolean posters;

    @Option(names = "--max-duration", paramLabel = "SECONDS", description = "longest video accepted, seconds: too_long (default ${DEFAULT-VALUE})")
    double maxDurationS = Limits.DEFAULTS.maxDurationS();
    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "wall clock for reading, probing, decoding and capturing one video, seconds: timeout (default ${DEFAULT-VALUE})")
    double timeoutS = Limits.DEFAULTS.decodeTimeout().toMillis() / 1000.0;
    @Option(names = "--max-size-mb", paramLabel = "MIB", description = "largest input accepted, MiB: too_large (default ${DEFAULT-VALUE})")
    long maxSizeMb = Limits.DEFAULTS.maxBytes() / MIB;
    @Option(names = "--max-pixels", paramLabel = "PIXELS",
            description = "largest frame accepted, width times height: too_many_pixels (default ${DEFAULT-VALUE})")
    long maxPixels = Limits.DEFAULTS.maxPixels();

    /**
     * The spec the options describe (the rubric file is read here, on the driver).
     *
     * @throws IllegalArgumentException for a value that is not valid or a rubric file that cannot be read
     */
    ClassifierSpec spec() {
        if (!(maxDurationS > 0 && timeoutS > 0 && maxSizeMb > 0 && maxPixels > 0)) {
            throw new IllegalArgumentException("--max-duration, --timeout, --max-size-mb and --max-pixels must be positive");
        }
        String rubricJson = null;
        if (rubric != null) {
            try {
                rubricJson = Files.readString(rubric, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read rubric " + rubric + ": " + e.getMessage(), e);
            }
        }
        ClassifierSpec.LimitValues limits = new ClassifierSpec.LimitValues(maxSizeMb * MIB, maxDurationS, maxPixels,
                Math.max(1, Math.round(timeoutS * 1000)));
        ClassifierSpec spec = new ClassifierSpec(sampler, minKeyframes, maxKeyframes, threshold, interval, detector, limits,
                scorer, model, model != null && !modelShared, provider, batchSize, rubricJson, aggregator, posters);
        spec.validate();
        return spec;
    }
}
