package dev.videoclass.ffmpeg.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * The one guard around work that calls into FFmpeg: a failure that is not already a
 * {@link VideoException} (a runtime exception from the bindings or our own checks, a missing or
 * broken native library, a native allocation that failed) becomes {@link ErrorCode#INTERNAL}, with
 * the original as its cause. Other errors (a stack overflow, a JVM fault) pass through. Stateless.
 */
final class NativeCalls {

    /** Work that may fail with a {@link VideoException} and returns a value. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws VideoException;
    }

    /** Work that may fail with a {@link VideoException} and returns nothing. */
    @FunctionalInterface
    interface Action {
        void run() throws VideoException;
    }

    private NativeCalls() {
    }

    /** Runs {@code call}; a {@link VideoException} passes unchanged, other failures become INTERNAL. */
    static <T> T guard(Call<T> call) throws VideoException {
        try {
            return call.run();
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            throw internal(e);
        }
    }

    /** Runs {@code action} as {@link #guard(Call)} runs a call. */
    static void guard(Action action) throws VideoException {
        try {
            action.run();
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            throw internal(e);
        }
    }

    /** An unexpected failure as a {@link VideoException} with {@link ErrorCode#INTERNAL}. */
    static VideoException internal(Throwable t) {
        return new VideoException(ErrorCode.INTERNAL, "unexpected decoder failure: " + t, t);
    }

    /** FFmpeg's text for an error code, followed by the code: {@code "Invalid data found ... (-1094995529)"}. */
    static String avError(int err) {
        byte[] buf = new byte[128];
        avutil.av_strerror(err, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8) + " (" + err + ")";
    }
}
