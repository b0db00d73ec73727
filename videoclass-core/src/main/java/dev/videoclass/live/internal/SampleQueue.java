package dev.videoclass.live.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-over of sampled pictures from the reading thread to the scoring thread. When it
 * is full the oldest waiting sample is dropped (fresh pictures matter more in a live stream) and
 * counted. Thread safe: one producer, one consumer.
 */
public final class SampleQueue {
    private final ArrayBlockingQueue<Sample> queue;
    private final AtomicLong dropped = new AtomicLong();

    /** @param capacity samples that may wait, at least 1 */
    public SampleQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues {@code s}, dropping the oldest waiting samples while the queue is full. */
    void offer(Sample s) {
        while (!queue.offer(s)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    /** The next sample, waiting up to {@code millis}; null when none came. */
    Sample poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next sample if one waits, else null. */
    Sample pollNow() {
        return queue.poll();
    }

    /** Samples dropped so far. */
    public long dropped() {
        return dropped.get();
    }

    /** Samples waiting now. */
    public int size() {
        return queue.size();
    }
}
