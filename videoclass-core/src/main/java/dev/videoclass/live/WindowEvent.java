package dev.videoclass.live;

import dev.videoclass.Evidence;
import dev.videoclass.Judgement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verdict of one window of a live stream: its frames judged with the classifier's scorer and
 * rubric (as keyframes are) and combined by the classifier's aggregator. Immutable.
 *
 * @param url           the stream ({@link StreamPolicy#redacted()}: no credentials)
 * @param startPtsS     where the window starts, seconds of stream time (presentation timestamps)
 * @param endPtsS       where it ends: {@code startPtsS + window}, or earlier when the connection
 *                      ended inside it
 * @param startTime     wall-clock time the monitor received the window's start
 * @param endTime       wall-clock time the monitor received its end
 * @param judgement     the aggregate: explicit score and flag, quality (mean of the frames'), tags
 * @param evidence      stream timestamps (seconds) of the frames that reach the explicit threshold
 *                      and each tag's threshold on their own, strongest first
 * @param frames        frames judged in this window
 * @param dropped       sampled frames dropped since the previous window event because scoring fell
 *                      behind
 * @param decidingFrame the frame with the highest explicit score, with a small upright JPEG of it
 */
public record WindowEvent(String url, double startPtsS, double endPtsS, Instant startTime, Instant endTime,
                          Judgement judgement, Evidence evidence, int frames, long dropped,
                          DecidingFrame decidingFrame) {
    public WindowEvent {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(judgement, "judgement");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(decidingFrame, "decidingFrame");
    }

    public boolean isExplicit() {
        return judgement.isExplicit();
    }

    /** 0–1. */
    public double explicitScore() {
        return judgement.explicitScore();
    }

    /** 0–1. */
    public double qualityScore() {
        return judgement.qualityScore();
    }

    /** Tag label ids the window reaches. */
    public List<String> tags() {
        return judgement.tags();
    }
}
