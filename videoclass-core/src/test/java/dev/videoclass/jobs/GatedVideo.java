package dev.videoclass.jobs;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.VideoDecoder;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInfo;
import dev.videoclass.VideoInput;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Test decoder around another (e.g. a {@link dev.videoclass.FakeVideo}) that behaves like a real one
 * towards cancellation: every {@code next()} and {@code capture()} polls
 * {@link DecodeOptions#cancelled()} and throws {@link ErrorCode#CANCELLED} when it is raised. With a
 * hold frame, each source stops before that frame ({@link #holding} gets a permit) and waits, still
 * polling, until {@link #release} is counted down.
 */
final class GatedVideo implements VideoDecoder {
    private final VideoDecoder inner;
    private final int holdAtFrame;
    /** Opens the gate for all sources. */
    final CountDownLatch release = new CountDownLatch(1);
    /** One permit each time a source reaches the hold frame. */
    final Semaphore holding = new Semaphore(0);
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    /** Polls that found the cancellation flag raised (each stops its source). */
    final AtomicInteger cancelSeen = new AtomicInteger();

    /** @param holdAtFrame index of the analysis frame to wait before; -1 never waits */
    GatedVideo(VideoDecoder inner, int holdAtFrame) {
        this.inner = inner;
        this.holdAtFrame = holdAtFrame;
    }

    /** Waits until a source has reached the hold frame (so its job is running). */
    void awaitHolding() throws InterruptedException {
        if (!holding.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no source reached the hold frame");
        }
    }

    @Override
    public String id() {
        return "gated-" + inner.id();
    }

    @Override
    public FrameSource open(VideoInput input, DecodeOptions options) throws VideoException {
        FrameSource source = inner.open(input, options);
        opened.incrementAndGet();
        BooleanSupplier cancelled = options.cancelled();
        return new FrameSource() {
            int n;

            private void poll() throws VideoException {
                if (cancelled.getAsBoolean()) {
                    cancelSeen.incrementAndGet();
                    throw new VideoException(ErrorCode.CANCELLED, "decoding was cancelled");
                }
            }

            @Override
            public VideoInfo info() {
                return source.info();
            }

            @Override
            public Frame next() throws VideoException {
                poll();
                if (n == holdAtFrame) {
                    holding.release();
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    try {
                        while (!release.await(2, TimeUnit.MILLISECONDS)) {
                            poll();
                            if (System.nanoTime() > giveUp) {
                                throw new VideoException(ErrorCode.INTERNAL, "test gate never released");
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new VideoException(ErrorCode.INTERNAL, "interrupted");
                    }
                }
                n++;
                return source.next();
            }

            @Override
            public void seek(double ptsSeconds, DecodeMode mode) throws VideoException {
                source.seek(ptsSeconds, mode);
            }

            @Override
            public Frame capture(double ptsSeconds, int maxSide) throws VideoException {
                poll();
                return source.capture(ptsSeconds, maxSide);
            }

            @Override
            public long framesDecoded() {
                return source.framesDecoded();
            }

            @Override
            public List<dev.videoclass.spi.PacketInfo> packetsRead() {
                return source.packetsRead();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
                source.close();
            }
        };
    }
}
