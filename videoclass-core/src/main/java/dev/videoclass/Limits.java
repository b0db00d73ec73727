package dev.videoclass;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits checked before expensive work (size, duration, pixels per frame) and while decoding
 * (wall-clock timeout). Exceeding one yields a failed verdict with {@link ErrorCode#TOO_LARGE},
 * {@link ErrorCode#TOO_LONG}, {@link ErrorCode#TOO_MANY_PIXELS} or {@link ErrorCode#TIMEOUT}.
 *
 * @param maxBytes       largest accepted input in bytes (default 1 GiB)
 * @param maxDurationS   longest accepted duration in seconds (default 600)
 * @param maxPixels      largest accepted coded frame in pixels, width times height (default 8K UHD)
 * @param decodeTimeout  wall-clock limit for one video's probe, decode and capture (default 120 s)
 */
public record Limits(long maxBytes, double maxDurationS, long maxPixels, Duration decodeTimeout) {
    public static final Limits DEFAULTS = new Limits(1L << 30, 600.0, 7680L * 4320L, Duration.ofSeconds(120));

    public Limits {
        if (maxBytes <= 0 || maxDurationS <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(decodeTimeout, "decodeTimeout");
        if (decodeTimeout.isNegative() || decodeTimeout.isZero()) {
            throw new IllegalArgumentException("decodeTimeout must be positive");
        }
    }

    public Limits withMaxBytes(long v) {
        return new Limits(v, maxDurationS, maxPixels, decodeTimeout);
    }

    public Limits withMaxDurationS(double v) {
        return new Limits(maxBytes, v, maxPixels, decodeTimeout);
    }

    public Limits withMaxPixels(long v) {
        return new Limits(maxBytes, maxDurationS, v, decodeTimeout);
    }

    public Limits withDecodeTimeout(Duration v) {
        return new Limits(maxBytes, maxDurationS, maxPixels, v);
    }
}
