package dev.videoclass.ffmpeg;

import dev.videoclass.Limits;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;

import java.time.Duration;

/**
 * What a worker process needs to build its classifier, as plain values that travel as one JSON
 * line. The scorer comes from {@code scorerFactory} (a class name; null: the built-in scorer); the
 * rubric travels as its JSON (null: the scorer's own).
 */
record WorkerSettings(String samplerMode, int minKeyframes, int maxKeyframes, double threshold, int minSceneLenFrames,
                      double uniformIntervalS, long maxBytes, double maxDurationS, long maxPixels, long timeoutMs,
                      String rubricJson, String aggregator, int posterMaxSide, String scorerFactory) {

    static WorkerSettings of(SamplingPolicy p, Limits l, String rubricJson, String aggregator, int posterMaxSide,
                             String scorerFactory) {
        return new WorkerSettings(p.mode().name(), p.minKeyframes(), p.maxKeyframes(), p.threshold(),
                p.minSceneLenFrames(), p.uniformIntervalS(), l.maxBytes(), l.maxDurationS(), l.maxPixels(),
                l.decodeTimeout().toMillis(), rubricJson, aggregator, posterMaxSide, scorerFactory);
    }

    SamplingPolicy policy() {
        return new SamplingPolicy(SamplerMode.valueOf(samplerMode), minKeyframes, maxKeyframes, threshold,
                minSceneLenFrames, uniformIntervalS);
    }

    Limits limits() {
        return new Limits(maxBytes, maxDurationS, maxPixels, Duration.ofMillis(timeoutMs));
    }
}
