package dev.videoclass.live.internal;

import java.time.Instant;

/**
 * The stream's verdict state with hysteresis: it starts safe and flips only after {@code windows}
 * consecutive windows with the other verdict, so that one noisy window does not flap it. Not thread
 * safe.
 */
final class Hysteresis {
    private final int windows;
    private boolean explicit;
    private int run;
    private double runStartPts;
    private Instant runStartTime;

    /** @param windows consecutive windows needed to change state, at least 1 */
    Hysteresis(int windows) {
        this.windows = windows;
    }

    /**
     * Records a window's verdict. Returns true when the state flips with it; {@link #explicit()} is
     * then the new state and {@link #runStartPts()} where the run that flipped it started.
     */
    public boolean record(boolean windowExplicit, double windowStartPts, Instant windowStartTime) {
        if (windowExplicit == explicit) {
            run = 0;
            return false;
        }
        if (run == 0) {
            runStartPts = windowStartPts;
            runStartTime = windowStartTime;
        }
        run++;
        if (run < windows) {
            return false;
        }
        explicit = windowExplicit;
        run = 0;
        return true;
    }

    /** Consecutive windows needed to change state. */
    public int windows() {
        return windows;
    }

    /** The current state. */
    public boolean explicit() {
        return explicit;
    }

    /** Stream time (seconds) where the last flipping run started. */
    public double runStartPts() {
        return runStartPts;
    }

    /** Wall-clock time the last flipping run started. */
    public Instant runStartTime() {
        return runStartTime;
    }
}
