package dev.videoclass.spi;

import dev.videoclass.ErrorCode;
import dev.videoclass.Limits;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How a {@link VideoDecoder} opens a video.
 *
 * @param analysisWidth width in pixels of the frames {@link FrameSource#next()} returns (scaled by
 *                      FFmpeg while decoding; height follows the display aspect ratio), default 256
 * @param limits        size, duration, pixel and time limits
 * @param cancelled     polled while decoding; when it answers true the source throws
 *                      {@link ErrorCode#CANCELLED}. Must be cheap and thread safe.
 */
public record DecodeOptions(int analysisWidth, Limits limits, BooleanSupplier cancelled) {
    public static final int DEFAULT_ANALYSIS_WIDTH = 256;
    public static final DecodeOptions DEFAULTS = new DecodeOptions(DEFAULT_ANALYSIS_WIDTH, Limits.DEFAULTS, () -> false);

    public DecodeOptions {
        if (analysisWidth < 16) {
            throw new IllegalArgumentException("analysisWidth must be at least 16");
        }
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    public DecodeOptions withLimits(Limits l) {
        return new DecodeOptions(analysisWidth, l, cancelled);
    }

    public DecodeOptions withCancelled(BooleanSupplier c) {
        return new DecodeOptions(analysisWidth, limits, c);
    }
}
