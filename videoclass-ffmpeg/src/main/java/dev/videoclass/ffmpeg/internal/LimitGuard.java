package dev.videoclass.ffmpeg.internal;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.ErrorCode;
import dev.videoclass.Limits;
import dev.videoclass.VideoException;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * One video's {@link Limits}, enforced: input size (bytes) before anything is opened, frame size
 * (pixels) and duration (seconds) once probed, and while decoding the wall-clock deadline
 * ({@link Limits#decodeTimeout()}, counted from the decoder's {@code open}) and the caller's
 * cancellation. Immutable; {@link #shouldStop()} may be asked from FFmpeg's interrupt callback.
 */
final class LimitGuard {
    private final Limits limits;
    private final BooleanSupplier cancelled;
    private final long deadlineNanos;

    /** The limits of {@code options}, the deadline counted from {@code startNanos} ({@link System#nanoTime()}). */
    LimitGuard(DecodeOptions options, long startNanos) {
        this.limits = options.limits();
        this.cancelled = options.cancelled();
        this.deadlineNanos = startNanos + limits.decodeTimeout().toNanos();
    }

    /** An input of {@code size} bytes: empty, or over the limit, fails. */
    void checkSize(long size) throws VideoException {
        if (size == 0) {
            throw new VideoException(ErrorCode.EMPTY_INPUT, "the input is empty");
        }
        if (size > limits.maxBytes()) {
            throw new VideoException(ErrorCode.TOO_LARGE, "input of " + size + " bytes exceeds the limit of "
                    + limits.maxBytes() + " bytes");
        }
    }

    /** Bytes an input may have. */
    long maxBytes() {
        return limits.maxBytes();
    }

    /** The caller's cancellation signal. */
    BooleanSupplier cancelled() {
        return cancelled;
    }

    /** When decoding must end, in {@link System#nanoTime()} terms. */
    long deadlineNanos() {
        return deadlineNanos;
    }

    /** A coded frame of {@code width x height} pixels over the limit fails. */
    void checkFrameSize(int width, int height) throws VideoException {
        if ((long) width * height > limits.maxPixels()) {
            throw new VideoException(ErrorCode.TOO_MANY_PIXELS, "frame size " + width + "x" + height
                    + " exceeds the limit of " + limits.maxPixels() + " pixels");
        }
    }

    /** A duration of {@code seconds} over the limit fails. */
    void checkDuration(double seconds) throws VideoException {
        if (seconds > limits.maxDurationS()) {
            throw new VideoException(ErrorCode.TOO_LONG, String.format(Locale.ROOT,
                    "duration %.1f s exceeds the limit of %.1f s", seconds, limits.maxDurationS()));
        }
    }

    /** Fails with {@link ErrorCode#CANCELLED} or {@link ErrorCode#TIMEOUT} when decoding must stop. */
    void checkpoint() throws VideoException {
        if (cancelled.getAsBoolean()) {
            throw new VideoException(ErrorCode.CANCELLED, "decoding was cancelled");
        }
        if (System.nanoTime() > deadlineNanos) {
            throw new VideoException(ErrorCode.TIMEOUT, "decoding took longer than "
                    + limits.decodeTimeout().toMillis() + " ms");
        }
    }

    /** Whether decoding must stop: past the deadline or cancelled. Never throws. */
    boolean shouldStop() {
        return System.nanoTime() > deadlineNanos || cancelled.getAsBoolean();
    }
}
