package dev.videoclass;

/**
 * Parameters of keyframe sampling.
 *
 * @param mode               how to find keyframes
 * @param minKeyframes       fewest keyframes to return; a clip with fewer scenes gets this many
 *                           evenly spaced frames instead (default 1)
 * @param maxKeyframes       most keyframes to return, the GPU-cost lever (default 8)
 * @param threshold          ContentDetector threshold on the 0–255 mean HSV difference (default 27)
 * @param minSceneLenFrames  shortest scene in frames; cuts closer than this are ignored (default 15)
 * @param uniformIntervalS   spacing in seconds for {@link SamplerMode#UNIFORM} (default 2)
 */
public record SamplingPolicy(SamplerMode mode, int minKeyframes, int maxKeyframes, double threshold,
                             int minSceneLenFrames, double uniformIntervalS) {
    public static final SamplingPolicy DEFAULTS = new SamplingPolicy(SamplerMode.AUTO, 1, 8, 27.0, 15, 2.0);

    public SamplingPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (minKeyframes < 1 || maxKeyframes < minKeyframes) {
            throw new IllegalArgumentException("need 1 <= minKeyframes <= maxKeyframes, got [" + minKeyframes + "," + maxKeyframes + "]");
        }
        if (threshold <= 0 || minSceneLenFrames < 1 || uniformIntervalS <= 0) {
            throw new IllegalArgumentException("threshold, minSceneLenFrames and uniformIntervalS must be positive");
        }
    }

    public SamplingPolicy withMode(SamplerMode m) {
        return new SamplingPolicy(m, minKeyframes, maxKeyframes, threshold, minSceneLenFrames, uniformIntervalS);
    }

    public SamplingPolicy withBand(int min, int max) {
        return new SamplingPolicy(mode, min, max, threshold, minSceneLenFrames, uniformIntervalS);
    }

    public SamplingPolicy withThreshold(double t) {
        return new SamplingPolicy(mode, minKeyframes, maxKeyframes, t, minSceneLenFrames, uniformIntervalS);
    }

    public SamplingPolicy withUniformIntervalS(double s) {
        return new SamplingPolicy(mode, minKeyframes, maxKeyframes, threshold, minSceneLenFrames, s);
    }
}
