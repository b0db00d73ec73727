package dev.videoclass.scene.internal;

import dev.videoclass.Keyframe;
import dev.videoclass.SamplingResult;
import dev.videoclass.VideoException;

import java.util.ArrayList;
import java.util.List;

/**
 * Mode {@code uniform}: one keyframe in the middle of every {@code uniformIntervalS} interval of the
 * duration, no scene detection. Nothing is decoded unless the duration is unknown, when a keyframe
 * pass finds the last timestamp. More intervals than {@code maxKeyframes} become {@code maxKeyframes}
 * evenly spaced frames, fewer than {@code minKeyframes} become {@code minKeyframes} ({@code "+even"}).
 */
public final class UniformSampling {
    private UniformSampling() {
    }

    public static SamplingResult sample(Sampling s) throws VideoException {
        double d = s.knownDuration();
        long analysed = 0;
        if (d <= 0) {
            KeyframePass.Result k = KeyframePass.run(s);
            analysed = k.pass().framesAnalysed();
            KeyframePass.requireKeyFrames(k);
            d = k.keys().lastPts() + 1.0 / s.fps();
        }
        double interval = s.policy().uniformIntervalS();
        int n = Math.max(1, (int) Math.ceil(d / interval - Sorted.EPS));
        int min = s.policy().minKeyframes();
        int max = s.policy().maxKeyframes();
        if (n > max) {
            return new SamplingResult(d, List.of(), SceneClamp.even(max, d), "uniform", analysed);
        }
        if (n < min) {
            return new SamplingResult(d, List.of(), SceneClamp.even(min, d), "uniform+even", analysed);
        }
        List<Keyframe> keyframes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double start = i * interval;
            double end = Math.min(d, (i + 1) * interval);
            keyframes.add(new Keyframe((start + end) / 2, start, end));
        }
        return new SamplingResult(d, List.of(), keyframes, "uniform", analysed);
    }
}
