package dev.videoclass.live.internal;

/**
 * Decides which decoded pictures of one connection are sampled for scoring: one every
 * {@code every} seconds of stream time on a grid that starts at the connection's first picture,
 * plus any picture where a scene change was seen, at most {@code maxPerWindow} per window. Windows
 * are consecutive stretches of {@code window} seconds on the same grid. Not thread safe.
 */
public final class FrameSampler {
    /** Pictures this close before a cadence point (seconds) count as on it: timestamps are rounded. */
    private static final double EPSILON_S = 1e-3;

    private final double origin;
    private final double every;
    private final double window;
    private final int maxPerWindow;
    private double nextCadence;
    private long window0 = -1;
    private int takenInWindow;

    /**
     * @param originS      stream time of the connection's first picture, seconds
     * @param everyS       cadence, seconds
     * @param windowS      window length, seconds
     * @param maxPerWindow most pictures sampled per window
     */
    public FrameSampler(double originS, double everyS, double windowS, int maxPerWindow) {
        this.origin = originS;
        this.every = everyS;
        this.window = windowS;
        this.maxPerWindow = maxPerWindow;
        this.nextCadence = originS;
    }

    /** The window that stream time {@code pts} falls in (0 for the first; earlier times count as 0). */
    public long windowIndex(double pts) {
        return Math.max(0, (long) Math.floor((pts - origin + EPSILON_S) / window));
    }

    /** Stream time where window {@code index} starts, seconds. */
    public double windowStart(long index) {
        return origin + index * window;
    }

    /** Window length, seconds. */
    public double windowLength() {
        return window;
    }

    /** Whether the picture at {@code pts} is sampled; {@code sceneChange} when a cut was detected at it. */
    public boolean take(double pts, boolean sceneChange) {
        long w = windowIndex(pts);
        if (w != window0) {
            window0 = w;
            takenInWindow = 0;
        }
        boolean cadence = pts >= nextCadence - EPSILON_S;
        if (cadence) {
            nextCadence = origin + (Math.floor((pts - origin + EPSILON_S) / every) + 1) * every;
        }
        if (!(cadence || sceneChange) || takenInWindow >= maxPerWindow) {
            return false;
        }
        takenInWindow++;
        return true;
    }
}
