package dev.videoclass.spi;

import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;

/**
 * Opens videos for frame access. Implementations must be thread safe: one decoder serves concurrent
 * classifications, each with its own {@link FrameSource}. The FFmpeg implementation lives in
 * {@code videoclass-ffmpeg}.
 */
public interface VideoDecoder {

    /**
     * Opens {@code input}, checks the limits that can be checked up front (size, duration, pixels,
     * container) and returns a source positioned at the start in {@link DecodeMode#ALL_FRAMES}.
     *
     * @throws VideoException with a stable code when the input is empty, unsupported, over a limit
     *                        or unreadable
     */
    FrameSource open(VideoInput input, DecodeOptions options) throws VideoException;

    /** A short identifier of the implementation and its native library versions. */
    String id();
}
