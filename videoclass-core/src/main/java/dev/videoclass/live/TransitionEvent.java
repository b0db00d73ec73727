package dev.videoclass.live;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The stream's verdict changed: {@link LiveSettings#hysteresis()} windows in a row had the other
 * verdict. A monitor starts in the safe state, so a stream explicit from its start reports
 * {@link Kind#BECAME_EXPLICIT} too. Immutable.
 *
 * @param url           the stream (no credentials)
 * @param kind          which way
 * @param ptsS          stream time (seconds) where the first window of the new verdict starts
 * @param time          wall-clock time the monitor received that point
 * @param explicitScore 0–1 explicit score of the window that confirmed the change
 * @param windows       windows in a row that had the new verdict (the hysteresis)
 */
public record TransitionEvent(String url, Kind kind, double ptsS, Instant time, double explicitScore, int windows) {
    /** The direction of a change. */
    public enum Kind {
        BECAME_EXPLICIT, BECAME_SAFE;

        /** {@code became_explicit} or {@code became_safe}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TransitionEvent {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
    }
}
