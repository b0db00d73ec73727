package dev.videoclass.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link LiveMonitor} samples, judges and keeps up with one stream. Times are seconds of the
 * stream (its presentation timestamps) unless they say wall clock. The defaults are the
 * {@code DEFAULT_*} constants, collected in {@link #DEFAULTS}; {@link #builder()} changes some.
 * Immutable.
 *
 * @param everyS           a frame is sampled every this many seconds of stream (default {@value #DEFAULT_EVERY_S})
 * @param windowS          a window, the unit that gets a verdict, is this many seconds of stream; at
 *                         least {@code everyS} (default {@value #DEFAULT_WINDOW_S})
 * @param maxKeyframes     most frames scored per window, cadence and scene changes together
 *                         (default {@value #DEFAULT_MAX_KEYFRAMES})
 * @param sceneChanges     whether a scene change (the classifier's scene detector on every decoded
 *                         frame) samples a frame too, besides the cadence (default false)
 * @param hysteresis       consecutive windows with the other verdict before a
 *                         {@link TransitionEvent} reports the change (default {@value #DEFAULT_HYSTERESIS})
 * @param stallS           wall-clock seconds without a decoded frame after which the connection counts
 *                         as stalled and is dropped and reopened; it also bounds each connection
 *                         attempt (default {@value #DEFAULT_STALL_S})
 * @param backoffS         wall-clock wait before the first reconnection attempt; it doubles per failed
 *                         attempt, with random jitter of up to half of it (default {@value #DEFAULT_BACKOFF_S})
 * @param maxBackoffS      longest wait between attempts, wall clock (default {@value #DEFAULT_MAX_BACKOFF_S})
 * @param maxReconnects    failed attempts in a row after which the monitor gives up (0: never
 *                         reconnect; default {@value #DEFAULT_MAX_RECONNECTS})
 * @param allowedHosts     further {@code HOST[:PORT]} entries the stream may point at ({@link StreamPolicy});
 *                         a malformed entry is an {@link IllegalArgumentException}
 * @param queueCapacity    sampled frames that may wait for scoring; when scoring falls behind the
 *                         oldest waiting frame is dropped and counted (default {@value #DEFAULT_QUEUE_CAPACITY})
 * @param thumbnailMaxSide long side in pixels of the deciding frame's JPEG in each window event, 0 for
 *                         none (default {@value #DEFAULT_THUMBNAIL_MAX_SIDE})
 */
public record LiveSettings(double everyS, double windowS, int maxKeyframes, boolean sceneChanges, int hysteresis,
                           double stallS, double backoffS, double maxBackoffS, int maxReconnects,
                           List<String> allowedHosts, int queueCapacity, int thumbnailMaxSide) {
    /** Default {@link #everyS()}, seconds. */
    public static final double DEFAULT_EVERY_S = 2.0;
    /** Default {@link #windowS()}, seconds. */
    public static final double DEFAULT_WINDOW_S = 10.0;
    /** Default {@link #maxKeyframes()}. */
    public static final int DEFAULT_MAX_KEYFRAMES = 8;
    /** Default {@link #hysteresis()}, windows. */
    public static final int DEFAULT_HYSTERESIS = 2;
    /** Default {@link #stallS()}, seconds. */
    public static final double DEFAULT_STALL_S = 10.0;
    /** Default {@link #backoffS()}, seconds. */
    public static final double DEFAULT_BACKOFF_S = 0.5;
    /** Default {@link #maxBackoffS()}, seconds. */
    public static final double DEFAULT_MAX_BACKOFF_S = 30.0;
    /** Default {@link #maxReconnects()}. */
    public static final int DEFAULT_MAX_RECONNECTS = 10;
    /** Default {@link #queueCapacity()}, frames. */
    public static final int DEFAULT_QUEUE_CAPACITY = 4;
    /** Default {@link #thumbnailMaxSide()}, pixels. */
    public static final int DEFAULT_THUMBNAIL_MAX_SIDE = 320;

    /** Every default. */
    public static final LiveSettings DEFAULTS = new LiveSettings(DEFAULT_EVERY_S, DEFAULT_WINDOW_S,
            DEFAULT_MAX_KEYFRAMES, false, DEFAULT_HYSTERESIS, DEFAULT_STALL_S, DEFAULT_BACKOFF_S,
            DEFAULT_MAX_BACKOFF_S, DEFAULT_MAX_RECONNECTS, List.of(), DEFAULT_QUEUE_CAPACITY,
            DEFAULT_THUMBNAIL_MAX_SIDE);

    public LiveSettings {
        if (!(everyS > 0) || !(windowS >= everyS) || !Double.isFinite(windowS)) {
            throw new IllegalArgumentException("need 0 < every <= window, got every " + everyS + " s, window " + windowS + " s");
        }
        if (maxKeyframes < 1 || hysteresis < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("maxKeyframes, hysteresis and queueCapacity must be at least 1");
        }
        if (!(stallS > 0) || !(backoffS > 0) || !(maxBackoffS >= backoffS)) {
            throw new IllegalArgumentException("need stall > 0 and 0 < backoff <= maxBackoff");
        }
        if (maxReconnects < 0 || thumbnailMaxSide < 0) {
            throw new IllegalArgumentException("maxReconnects and thumbnailMaxSide must be >= 0");
        }
        allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts"));
        allowedHosts.forEach(StreamPolicy::checkEntry);
    }

    /** A builder starting from {@link #DEFAULTS}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings; {@link #build()} validates them together. Not thread safe. */
    public static final class Builder {
        private double everyS;
        private double windowS;
        private int maxKeyframes;
        private boolean sceneChanges;
        private int hysteresis;
        private double stallS;
        private double backoffS;
        private double maxBackoffS;
        private int maxReconnects;
        private final List<String> allowedHosts;
        private int queueCapacity;
        private int thumbnailMaxSide;

        private Builder(LiveSettings s) {
            everyS = s.everyS;
            windowS = s.windowS;
            maxKeyframes = s.maxKeyframes;
            sceneChanges = s.sceneChanges;
            hysteresis = s.hysteresis;
            stallS = s.stallS;
            backoffS = s.backoffS;
            maxBackoffS = s.maxBackoffS;
            maxReconnects = s.maxReconnects;
            allowedHosts = new ArrayList<>(s.allowedHosts);
            queueCapacity = s.queueCapacity;
            thumbnailMaxSide = s.thumbnailMaxSide;
        }

        public Builder every(double seconds) {
            everyS = seconds;
            return this;
        }

        public Builder window(double seconds) {
            windowS = seconds;
            return this;
        }

        public Builder maxKeyframes(int n) {
            maxKeyframes = n;
            return this;
        }

        public Builder sceneChanges(boolean on) {
            sceneChanges = on;
            return this;
        }

        public Builder hysteresis(int windows) {
            hysteresis = windows;
            return this;
        }

        public Builder stall(double seconds) {
            stallS = seconds;
            return this;
        }

        /** First reconnection wait and the longest one, wall-clock seconds. */
        public Builder backoff(double firstSeconds, double maxSeconds) {
            backoffS = firstSeconds;
            maxBackoffS = maxSeconds;
            return this;
        }

        public Builder maxReconnects(int attempts) {
            maxReconnects = attempts;
            return this;
        }

        /** Adds an allow-list entry, {@code HOST[:PORT]} or {@code *.DOMAIN[:PORT]}. */
        public Builder allowHost(String hostPort) {
            allowedHosts.add(Objects.requireNonNull(hostPort, "hostPort"));
            return this;
        }

        public Builder queueCapacity(int frames) {
            queueCapacity = frames;
            return this;
        }

        public Builder thumbnailMaxSide(int pixels) {
            thumbnailMaxSide = pixels;
            return this;
        }

        /** @throws IllegalArgumentException when a setting is out of range */
        public LiveSettings build() {
            return new LiveSettings(everyS, windowS, maxKeyframes, sceneChanges, hysteresis, stallS, backoffS,
                    maxBackoffS, maxReconnects, allowedHosts, queueCapacity, thumbnailMaxSide);
        }
    }
}
