package dev.videoclass.scene.internal;

import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;

import java.util.List;

/**
 * What a detection pass found: its scenes so far and what it cost.
 *
 * @param tracker        the scenes, still open; owned by this result
 * @param framesAnalysed frames decoded and analysed, this pass and those it builds on
 * @param lastPts        timestamp of the last analysed frame, seconds (NaN: none)
 */
record PassResult(SceneTracker tracker, long framesAnalysed, double lastPts) {

    /** The same result having cost {@code frames} more analysed frames. */
    PassResult plusAnalysed(long frames) {
        return new PassResult(tracker, framesAnalysed + frames, lastPts);
    }

    /**
     * Closes the scenes at {@code durationS} and fits them into the policy's keyframe band
     * ({@link SceneClamp}); {@code +even} is appended to {@code sampler} when evenly spaced frames
     * stand in for too few scenes. The result's cuts are every accepted cut, before clamping.
     */
    SamplingResult finish(SamplingPolicy policy, String sampler, double durationS) {
        List<SceneTracker.Scene> scenes = tracker.finish(durationS);
        List<SceneCut> cuts = List.copyOf(tracker.cuts());
        if (scenes.size() < policy.minKeyframes()) {
            return new SamplingResult(durationS, cuts, SceneClamp.even(policy.minKeyframes(), durationS),
                    sampler + "+even", framesAnalysed);
        }
        List<SceneTracker.Scene> kept = SceneClamp.clamp(scenes, policy.maxKeyframes(), durationS);
        return new SamplingResult(durationS, cuts, SceneClamp.keyframes(kept), sampler, framesAnalysed);
    }
}
