package dev.videoclass.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Turns a {@link VideoInput} into a local file for a decoder or a worker process: a file is checked
 * and used as it is; bytes and streams are spooled to a temporary file, within the size limit and
 * the deadline. Plumbing shared by the decoders and the isolated classifier; not an API.
 */
public final class InputFiles {
    private static final int BUFFER = 1 << 16;

    private InputFiles() {
    }

    /**
     * A local file holding the input; {@link #close()} deletes it when it is a temporary spool file.
     *
     * @param path      the file
     * @param sizeBytes its size in bytes
     * @param temporary true when this class created it (and close deletes it)
     */
    public record Local(Path path, long sizeBytes, boolean temporary) implements AutoCloseable {
        /** Deletes a temporary file (best effort); leaves the user's own file alone. */
        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: the OS's temp cleaning removes what is left
                }
            }
        }
    }

    /**
     * The input as a local file of at least one and at most {@code maxBytes} bytes.
     *
     * @param spoolDir      where uploads are spooled, or null for {@code java.io.tmpdir}
     * @param cancelled     polled while spooling a stream
     * @param deadlineNanos {@link System#nanoTime()} after which spooling fails with {@link ErrorCode#TIMEOUT}
     * @throws VideoException {@link ErrorCode#UNSUPPORTED_FORMAT} for a file that cannot be read,
     *                        {@link ErrorCode#EMPTY_INPUT}, {@link ErrorCode#TOO_LARGE},
     *                        {@link ErrorCode#CANCELLED}, {@link ErrorCode#TIMEOUT}, or
     *                        {@link ErrorCode#INTERNAL} when the spool file cannot be written
     */
    public static Local toFile(VideoInput input, Path spoolDir, long maxBytes, BooleanSupplier cancelled,
                               long deadlineNanos) throws VideoException {
        Path temp = null;
        try {
            if (input instanceof VideoInput.FileInput f) {
                Path p = f.path();
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a readable regular file: " + p);
                }
                return new Local(p, checkSize(Files.size(p), maxBytes), false);
            }
            long size;
            if (input instanceof VideoInput.BytesInput b) {
                checkSize(b.bytes().length, maxBytes);
                temp = createTemp(spoolDir);
                Files.write(temp, b.bytes());
                size = b.bytes().length;
            } else {
                temp = createTemp(spoolDir);
                size = checkSize(spool(((VideoInput.StreamInput) input).stream(), temp, maxBytes, cancelled,
                        deadlineNanos), maxBytes);
            }
            Local local = new Local(temp, size, true);
            temp = null; // the caller's from here on
            return local;
        } catch (IOException e) {
            throw new VideoException(ErrorCode.INTERNAL, "cannot read or spool " + input.describe() + ": "
                    + e.getMessage(), e);
        } finally {
            if (temp != null) {
                new Local(temp, 0, true).close();
            }
        }
    }

    private static long checkSize(long size, long maxBytes) throws VideoException {
        if (size == 0) {
            throw new VideoException(ErrorCode.EMPTY_INPUT, "the input is empty");
        }
        if (size > maxBytes) {
            throw new VideoException(ErrorCode.TOO_LARGE, "input of " + size + " bytes exceeds the limit of "
                    + maxBytes + " bytes");
        }
        return size;
    }

    private static Path createTemp(Path spoolDir) throws IOException {
        return spoolDir == null
                ? Files.createTempFile("videoclass-", ".upload")
                : Files.createTempFile(spoolDir, "videoclass-", ".upload");
    }

    /** Copies {@code in} to {@code target}, failing with TOO_LARGE as soon as it passes {@code maxBytes}. */
    private static long spool(InputStream in, Path target, long maxBytes, BooleanSupplier cancelled, long deadline)
            throws IOException, VideoException {
        byte[] buf = new byte[BUFFER];
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
                if (System.nanoTime() > deadline) {
                    throw new VideoException(ErrorCode.TIMEOUT, "reading the upload took longer than the decode timeout");
                }
            }
        }
        return total;
    }
}
