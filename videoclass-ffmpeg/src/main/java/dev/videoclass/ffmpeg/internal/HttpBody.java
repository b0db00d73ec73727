package dev.videoclass.ffmpeg.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An HTTP response body as a {@link ByteSource}: the JDK client's body publisher, taken one chunk
 * list at a time (the next is requested only when the last is consumed, so at most one waits in
 * memory), read with a stop signal polled every {@value #POLL_MS} ms while waiting. A body cut short
 * by the server is an {@link IOException}. Optionally skips a prefix and ends after a length (a byte
 * range the server answered with the whole file).
 */
final class HttpBody implements Flow.Subscriber<List<ByteBuffer>>, ByteSource {
    /** How often a waiting read polls the stop signal, milliseconds. */
    static final long POLL_MS = 100;
    private static final Object END = new Object();

    private final ArrayBlockingQueue<Object> signals = new ArrayBlockingQueue<>(2);
    private final BooleanSupplier stop;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> chunks;
    private ByteBuffer current;
    private boolean ended;
    private long skip;
    private long remaining;

    /**
     * @param stop   when it answers true a waiting read ends with {@link Stopped}
     * @param skip   bytes to drop from the start
     * @param length bytes to deliver after them; -1 for all
     */
    HttpBody(BooleanSupplier stop, long skip, long length) {
        this.stop = stop;
        this.skip = skip;
        this.remaining = length < 0 ? Long.MAX_VALUE : length;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        signals.offer(item); // one requested at a time: there is always room
    }

    @Override
    public void onError(Throwable t) {
        signals.offer(t);
    }

    @Override
    public void onComplete() {
        signals.offer(END);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (remaining == 0 || ended) {
                return -1;
            }
            if (current != null && current.hasRemaining()) {
                if (skip > 0) {
                    int n = (int) Math.min(skip, current.remaining());
                    current.position(current.position() + n);
                    skip -= n;
                    continue;
                }
                int n = (int) Math.min(Math.min(len, current.remaining()), remaining);
                current.get(b, off, n);
                remaining -= n;
                return n;
            }
            if (chunks != null && chunks.hasNext()) {
                current = chunks.next();
                continue;
            }
            nextChunks();
        }
    }

    /** Waits for the next chunk list (or the end), requesting it first when the last was consumed. */
    @SuppressWarnings("unchecked")
    private void nextChunks() throws IOException {
        if (chunks != null) {
            chunks = null;
            subscription.request(1);
        }
        Object signal;
        try {
            while ((signal = signals.poll(POLL_MS, TimeUnit.MILLISECONDS)) == null) {
                if (stop.getAsBoolean()) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        if (signal == END) {
            ended = true;
        } else if (signal instanceof Throwable t) {
            throw new IOException("the body was cut short: " + t.getMessage(), t);
        } else {
            chunks = ((List<ByteBuffer>) signal).iterator();
        }
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null && !ended) {
            s.cancel();
        }
    }
}
