package dev.videoclass.live.internal;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnection attempts: attempt {@code n} (from 1) waits a
 * base of {@code first * 2^(n-1)} seconds, capped at {@code max}, of which a random part of up to
 * half is taken off ("equal jitter"), so that monitors that lost the same server do not all return
 * at the same instant. Stateless apart from its random source; thread safe when that is.
 */
public final class Backoff {
    private final double firstS;
    private final double maxS;
    private final DoubleSupplier random;

    /**
     * @param firstS base wait of the first attempt, seconds
     * @param maxS   longest base wait, seconds
     * @param random uniform values in [0, 1)
     */
    public Backoff(double firstS, double maxS, DoubleSupplier random) {
        this.firstS = firstS;
        this.maxS = maxS;
        this.random = random;
    }

    /** Milliseconds to wait before attempt {@code attempt} (1 for the first reconnection). */
    public long delayMillis(int attempt) {
        double base = Math.min(maxS, firstS * Math.pow(2, Math.max(0, Math.min(attempt - 1, 30))));
        double jittered = base * (1 - 0.5 * random.getAsDouble());
        return Math.max(1, Math.round(jittered * 1000));
    }
}
