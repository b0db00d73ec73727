package dev.videoclass.live.internal;

import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveStats;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a monitor's two threads share: the stop signal, the counters behind {@link LiveStats}, the
 * watermark, the last fatal error, and the time of the last decoded picture (for stall detection).
 * Thread safe.
 */
public final class MonitorState {
    /** Ended sessions remembered for the scoring thread. */
    private static final int MAX_SESSION_ENDS = 64;

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicReference<Watermark> watermark = new AtomicReference<>(Watermark.NONE);
    private final AtomicReference<LiveError> fatal = new AtomicReference<>();
    /** Last stream time of each ended session the scoring thread has not completed yet. */
    private final ConcurrentSkipListMap<Long, Double> sessionEnds = new ConcurrentSkipListMap<>();
    final AtomicLong decoded = new AtomicLong();
    final AtomicLong sampled = new AtomicLong();
    final AtomicLong scored = new AtomicLong();
    final AtomicLong windows = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    private volatile boolean connected;
    private volatile long lastProgressNanos = System.nanoTime();

    /** Asks both threads to stop; idempotent. */
    public void stop() {
        stopping.countDown();
    }

    /** Whether {@link #stop()} was called. */
    public boolean stopping() {
        return stopping.getCount() == 0;
    }

    /** Waits up to {@code millis} for {@link #stop()}; returns whether it came. */
    boolean awaitStop(long millis) throws InterruptedException {
        return stopping.await(millis, TimeUnit.MILLISECONDS);
    }

    Watermark watermark() {
        return watermark.get();
    }

    void publish(Watermark w) {
        watermark.set(w);
    }

    /**
     * Records that {@code session} ended at stream time {@code lastPts}: the watermark may move on to
     * the next session before the scoring thread sees it. At most {@value #MAX_SESSION_ENDS} are kept.
     */
    void endSession(long session, double lastPts) {
        sessionEnds.put(session, lastPts);
        while (sessionEnds.size() > MAX_SESSION_ENDS) {
            sessionEnds.pollFirstEntry();
        }
    }

    /** Where {@code session} ended (null when unknown), forgetting it and every earlier session. */
    Double takeSessionEnd(long session) {
        Double end = sessionEnds.get(session);
        sessionEnds.headMap(session, true).clear();
        return end;
    }

    /** Records the error that ended the monitor (the first one counts). */
    public void fatal(LiveError e) {
        fatal.compareAndSet(null, e);
    }

    /** The error that ended the monitor, or null. */
    public LiveError fatal() {
        return fatal.get();
    }

    void connected(boolean c) {
        connected = c;
    }

    /** Something was decoded (or a connection attempt began): the stall clock restarts. */
    void progress() {
        lastProgressNanos = System.nanoTime();
    }

    /** Nanoseconds since {@link #progress()}. */
    long sinceProgressNanos() {
        return System.nanoTime() - lastProgressNanos;
    }

    /** The counters now. */
    public LiveStats stats(SampleQueue queue) {
        return new LiveStats(decoded.get(), sampled.get(), scored.get(), queue.dropped(), windows.get(),
                reconnects.get(), queue.size(), connected);
    }
}
