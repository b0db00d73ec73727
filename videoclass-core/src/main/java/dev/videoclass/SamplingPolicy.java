package dev.videoclass;

import dev.videoclass.scene.ContentDetector;
import dev.videoclass.scene.DetectorKind;

/**
 * Parameters of keyframe sampling. The defaults are the {@code DEFAULT_*} constants, collected in
 * {@link #DEFAULTS}.
 *
 * @param mode               how to find keyframes (default {@link #DEFAULT_MODE})
 * @param minKeyframes       fewest keyframes to return; a clip with fewer scenes gets this many
 *                           evenly spaced frames instead (default {@value #DEFAULT_MIN_KEYFRAMES})
 * @param maxKeyframes       most keyframes to return, the GPU-cost lever (default {@value #DEFAULT_MAX_KEYFRAMES})
 * @param threshold          {@link ContentDetector} threshold on the 0–255 mean HSV difference
 *                           (default {@value #DEFAULT_THRESHOLD}); the adaptive detector has its own
 * @param minSceneLenFrames  shortest scene in frames; cuts closer than this are ignored
 *                           (default {@value #DEFAULT_MIN_SCENE_LEN_FRAMES})
 * @param uniformIntervalS   spacing in seconds for {@link SamplerMode#UNIFORM} (default {@value #DEFAULT_UNIFORM_INTERVAL_S})
 * @param detector           which scene detector the scene-detecting modes use (default {@link #DEFAULT_DETECTOR})
 */
public record SamplingPolicy(SamplerMode mode, int minKeyframes, int maxKeyframes, double threshold,
                             int minSceneLenFrames, double uniformIntervalS, DetectorKind detector) {
    /** Default {@link #mode()}. */
    public static final SamplerMode DEFAULT_MODE = SamplerMode.AUTO;
    /** Default {@link #minKeyframes()}. */
    public static final int DEFAULT_MIN_KEYFRAMES = 1;
    /** Default {@link #maxKeyframes()}. */
    public static final int DEFAULT_MAX_KEYFRAMES = 8;
    /** Default {@link #threshold()}: PySceneDetect's, on the 0–255 content value. */
    public static final double DEFAULT_THRESHOLD = ContentDetector.DEFAULT_THRESHOLD;
    /** Default {@link #minSceneLenFrames()}: PySceneDetect's, frames. */
    public static final int DEFAULT_MIN_SCENE_LEN_FRAMES = ContentDetector.DEFAULT_MIN_SCENE_LEN;
    /** Default {@link #uniformIntervalS()}, seconds. */
    public static final double DEFAULT_UNIFORM_INTERVAL_S = 2.0;
    /** Default {@link #detector()}. */
    public static final DetectorKind DEFAULT_DETECTOR = DetectorKind.CONTENT;

    public static final SamplingPolicy DEFAULTS = new SamplingPolicy(DEFAULT_MODE, DEFAULT_MIN_KEYFRAMES,
            DEFAULT_MAX_KEYFRAMES, DEFAULT_THRESHOLD, DEFAULT_MIN_SCENE_LEN_FRAMES, DEFAULT_UNIFORM_INTERVAL_S,
            DEFAULT_DETECTOR);

    public SamplingPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (detector == null) {
            throw new IllegalArgumentException("detector is required");
        }
        if (minKeyframes < 1 || maxKeyframes < minKeyframes) {
            throw new IllegalArgumentException("need 1 <= minKeyframes <= maxKeyframes, got [" + minKeyframes + "," + maxKeyframes + "]");
        }
        if (threshold <= 0 || minSceneLenFrames < 1 || uniformIntervalS <= 0) {
            throw new IllegalArgumentException("threshold, minSceneLenFrames and uniformIntervalS must be positive");
        }
    }

    /** A policy with the {@link #DEFAULT_DETECTOR}. */
    public SamplingPolicy(SamplerMode mode, int minKeyframes, int maxKeyframes, double threshold,
                          int minSceneLenFrames, double uniformIntervalS) {
        this(mode, minKeyframes, maxKeyframes, threshold, minSceneLenFrames, uniformIntervalS, DEFAULT_DETECTOR);
    }

    public SamplingPolicy withMode(SamplerMode m) {
        return new SamplingPolicy(m, minKeyframes, maxKeyframes, threshold, minSceneLenFrames, uniformIntervalS, detector);
    }

    public SamplingPolicy withBand(int min, int max) {
        return new SamplingPolicy(mode, min, max, threshold, minSceneLenFrames, uniformIntervalS, detector);
    }

    public SamplingPolicy withThreshold(double t) {
        return new SamplingPolicy(mode, minKeyframes, maxKeyframes, t, minSceneLenFrames, uniformIntervalS, detector);
    }

    public SamplingPolicy withUniformIntervalS(double s) {
        return new SamplingPolicy(mode, minKeyframes, maxKeyframes, threshold, minSceneLenFrames, s, detector);
    }

    public SamplingPolicy withDetector(DetectorKind d) {
        return new SamplingPolicy(mode, minKeyframes, maxKeyframes, threshold, minSceneLenFrames, uniformIntervalS, d);
    }
}
