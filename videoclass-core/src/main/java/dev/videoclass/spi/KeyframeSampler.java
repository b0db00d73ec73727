package dev.videoclass.spi;

import dev.videoclass.Frame;
import dev.videoclass.Keyframe;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.VideoException;

/**
 * Chooses the keyframes of a video. Implementations are stateless and thread safe; all per-video
 * state lives in the call. The built-in one is {@link dev.videoclass.scene.SceneSampler} (scene
 * cuts, clamped to the policy's band); to change how cuts are found rather than how keyframes are
 * chosen, plug a {@link dev.videoclass.scene.SceneDetector} into it instead. A sampler that takes
 * the first frame of every second:
 *
 * <pre>{@code
 * KeyframeSampler everySecond = (source, policy) -> {
 *     source.seek(0, DecodeMode.ALL_FRAMES);
 *     List<Keyframe> picked = new ArrayList<>();
 *     double next = 0, last = 0;
 *     long frames = 0;
 *     for (Frame f; (f = source.next()) != null; frames++) {
 *         last = f.ptsSeconds();
 *         if (last >= next && picked.size() < policy.maxKeyframes()) {
 *             picked.add(new Keyframe(last, next, next + 1));
 *             next += 1;
 *         }
 *     }
 *     return new SamplingResult(last, List.of(), picked, "every-second", frames);
 * };
 * }</pre>
 */
public interface KeyframeSampler {

    /** Reads analysis frames from {@code source} and returns the keyframes for {@code policy}. */
    SamplingResult sample(FrameSource source, SamplingPolicy policy) throws VideoException;
}
