package dev.videoclass;

/**
 * Chooses the keyframes of a video. Implementations are stateless and thread safe; all per-video
 * state lives in the call.
 */
public interface KeyframeSampler {

    /** Reads analysis frames from {@code source} and returns the keyframes for {@code policy}. */
    SamplingResult sample(FrameSource source, SamplingPolicy policy) throws VideoException;
}
