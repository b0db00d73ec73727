package dev.videoclass.live.internal;

import dev.videoclass.Frame;
import java.time.Instant;

/**
 * A sampled picture on its way from the reading thread to the scoring thread. Immutable (the frame
 * is not modified by either side).
 *
 * @param session     the connection (or stretch without a timestamp jump) it belongs to
 * @param window      its window within the session
 * @param windowStart stream time (seconds) where that window starts
 * @param ptsS        its stream time, seconds
 * @param wallTime    when it was decoded
 * @param frame       upright, display size
 */
record Sample(long session, long window, double windowStart, double ptsS, Instant wallTime, Frame frame) {
}
