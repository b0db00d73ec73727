package dev.videoclass.live;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Something went wrong with the stream or its scoring. A fatal error ends the monitor (a refused or
 * unreachable stream URL, or too many failed reconnections); any other is reported and the monitor
 * goes on. Immutable.
 *
 * @param url     the stream (no credentials)
 * @param kind    what went wrong
 * @param message one line a person can act on; a refusal names the URL and the rule it broke
 * @param fatal   whether the monitor stops because of it
 * @param time    wall-clock time it happened
 */
public record LiveError(String url, Kind kind, String message, boolean fatal, Instant time) {
    /** What went wrong; {@link #wireName()} is the stable value the CLI prints. */
    public enum Kind {
        /** The stream URL, or a URL the stream points at, is not allowed: nothing was opened for it. */
        REFUSED,
        /** The first connection failed: no server, wrong address, not a stream. */
        UNREACHABLE,
        /** An established connection failed or was closed. */
        DISCONNECTED,
        /** No frame for {@link LiveSettings#stallS()} seconds. */
        STALLED,
        /** The stream ended. */
        ENDED,
        /** {@link LiveSettings#maxReconnects()} attempts in a row failed: the monitor stops. */
        GAVE_UP,
        /** The scorer failed on a frame; the frame is left out of its window. */
        SCORER_FAILED,
        /** A bug; the message names it. */
        INTERNAL;

        /** The snake_case name, e.g. {@code gave_up}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LiveError {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
    }
}
