package dev.videoclass.ffmpeg.internal;

import java.io.IOException;

/**
 * Bytes from Java for FFmpeg to read ({@link JavaAvio}): an HTTP body, or one decrypted on the way.
 * Used by one thread.
 */
interface ByteSource extends AutoCloseable {

    /** Thrown by {@link #read} when the reader was asked to stop. */
    final class Stopped extends IOException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped");
        }
    }

    /**
     * Reads up to {@code len} bytes (at least 1, unless at the end) into {@code b} at {@code off}.
     * Returns -1 at the end.
     *
     * @throws Stopped when the stop signal came while waiting
     */
    int read(byte[] b, int off, int len) throws IOException;

    @Override
    void close();
}
