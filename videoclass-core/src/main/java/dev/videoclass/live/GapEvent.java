package dev.videoclass.live;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A stretch of wall-clock time in which the monitor received nothing: reported once the stream is
 * back, after the reconnection that ended it. (The loss itself is reported at once as a
 * non-fatal {@link LiveError}.) Immutable.
 *
 * @param url      the stream (no credentials)
 * @param reason   why the connection was lost
 * @param from     wall-clock time of the last frame decoded before the gap
 * @param to       wall-clock time the stream was back (connected again)
 * @param attempts connection attempts it took, the successful one included
 */
public record GapEvent(String url, Reason reason, Instant from, Instant to, int attempts) {
    /** Why a connection ended. */
    public enum Reason {
        /** The connection failed or the server closed it. */
        DISCONNECTED,
        /** No frame for {@link LiveSettings#stallS()} seconds. */
        STALLED,
        /** The stream said it ended (end of an HLS playlist, end of file). */
        ENDED;

        /** {@code disconnected}, {@code stalled} or {@code ended}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GapEvent {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Length of the gap in wall-clock seconds. */
    public double seconds() {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }
}
