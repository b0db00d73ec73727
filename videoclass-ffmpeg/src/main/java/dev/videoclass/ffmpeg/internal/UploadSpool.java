package dev.videoclass.ffmpeg.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Copies an upload to a local file within the size limit, the deadline and cancellation: a stream
 * of unknown length must not fill the disk or outlast the decode timeout before FFmpeg sees it.
 * Stateless and thread safe.
 */
public final class UploadSpool {
    private static final int BUFFER_BYTES = 1 << 16;

    private UploadSpool() {
    }

    /**
     * Copies {@code in} to {@code target} and returns the number of bytes copied. Fails with
     * {@link ErrorCode#TOO_LARGE} as soon as more than {@code maxBytes} arrived, with
     * {@link ErrorCode#CANCELLED} when {@code cancelled} says so, and with {@link ErrorCode#TIMEOUT}
     * past {@code deadlineNanos} ({@link System#nanoTime()}). The caller deletes {@code target}.
     */
    public static long spool(InputStream in, Path target, long maxBytes, BooleanSupplier cancelled, long deadlineNanos)
            throws IOException, VideoException {
        byte[] buf = new byte[BUFFER_BYTES];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new VideoException(ErrorCode.TOO_LARGE, "upload exceeds the limit of " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
                if (cancelled.getAsBoolean()) {
                    throw new VideoException(ErrorCode.CANCELLED, "decoding was cancelled");
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw new VideoException(ErrorCode.TIMEOUT, "reading the upload took longer than the decode timeout");
                }
            }
        }
        return total;
    }
}
