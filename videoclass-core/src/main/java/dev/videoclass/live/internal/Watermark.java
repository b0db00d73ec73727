package dev.videoclass.live.internal;

import java.time.Instant;

/**
 * How far the reading thread has decoded: published after every picture, after the sample (if any)
 * for that picture was queued. A window of the same session below {@link #window()} is therefore
 * complete once the queue has been drained; every window of an {@link #ended()} session is.
 * Immutable.
 *
 * @param session  the current session
 * @param window   the first window not known to be complete: that of the last decoded picture, or
 *                 the next one when that picture was its window's last
 * @param ptsS     the last decoded picture's stream time, seconds
 * @param wallTime when it was decoded
 * @param ended    whether the session is over (connection lost, stream ended, timestamp jump)
 */
record Watermark(long session, long window, double ptsS, Instant wallTime, boolean ended) {
    static final Watermark NONE = new Watermark(0, 0, 0, Instant.EPOCH, true);
}
