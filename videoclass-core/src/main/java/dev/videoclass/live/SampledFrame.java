package dev.videoclass.live;

import dev.videoclass.Frame;
import java.time.Instant;
import java.util.Objects;

/**
 * A frame the monitor sampled, before it is scored: upright, at display size. The frame is shared
 * with the scorer: read it during the call, do not modify it (copy it to keep it).
 *
 * @param url      the stream (no credentials)
 * @param ptsS     stream timestamp, seconds
 * @param wallTime wall-clock time the monitor decoded it
 * @param frame    the pixels
 */
public record SampledFrame(String url, double ptsS, Instant wallTime, Frame frame) {
    public SampledFrame {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(frame, "frame");
    }
}
