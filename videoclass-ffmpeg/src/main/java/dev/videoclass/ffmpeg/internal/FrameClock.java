package dev.videoclass.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Presentation times of decoded pictures in seconds from the stream's start (the first frame at
 * about 0): the best-effort timestamp, else the picture's pts, else one frame interval after the
 * previous picture. Remembers the previous picture's time until {@link #reset()} (after a seek).
 * Not thread safe.
 */
final class FrameClock {
    private final ProbedStream stream;
    private double lastPts = Double.NaN;

    FrameClock(ProbedStream stream) {
        this.stream = stream;
    }

    /** The presentation time of {@code f} in seconds. */
    double ptsOf(AVFrame f) {
        long ts = f.best_effort_timestamp();
        if (ts == AV_NOPTS_VALUE) {
            ts = f.pts();
        }
        double pts;
        if (ts == AV_NOPTS_VALUE) {
            pts = Double.isNaN(lastPts) ? 0 : lastPts + stream.frameInterval();
        } else {
            pts = stream.seconds(ts - stream.startTs);
        }
        lastPts = pts;
        return pts;
    }

    /** Forgets the previous picture: the next one without a timestamp is at 0. */
    void reset() {
        lastPts = Double.NaN;
    }
}
