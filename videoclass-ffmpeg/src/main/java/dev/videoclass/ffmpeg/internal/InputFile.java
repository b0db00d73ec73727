package dev.videoclass.ffmpeg.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local file FFmpeg reads for a {@link VideoInput}: a file input as it is, bytes and streams
 * (untrusted uploads) spooled to a private temp file, size-limited while copying. Whoever receives
 * a {@code temporary} file owns it and deletes it.
 *
 * @param path      the file to open
 * @param temporary whether {@code path} is a spooled copy to delete after use
 * @param sizeBytes its size in bytes
 */
record InputFile(Path path, boolean temporary, long sizeBytes) {

    /**
     * The file for {@code input}, spooled into {@code spoolDir} (null: {@code java.io.tmpdir}) when
     * it is not a file already. A spooled file is deleted again on failure.
     */
    static InputFile of(VideoInput input, Path spoolDir, LimitGuard limits) throws VideoException {
        Path temp = null;
        try {
            if (input instanceof VideoInput.FileInput f) {
                Path p = f.path();
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a readable regular file: " + p);
                }
                long size = Files.size(p);
                limits.checkSize(size);
                return new InputFile(p, false, size);
            } else if (input instanceof VideoInput.BytesInput b) {
                byte[] bytes = b.bytes();
                limits.checkSize(bytes.length);
                temp = createTemp(spoolDir);
                Files.write(temp, bytes);
                InputFile spooled = new InputFile(temp, true, bytes.length);
                temp = null; // the caller's from here on
                return spooled;
            } else if (input instanceof VideoInput.StreamInput s) {
                temp = createTemp(spoolDir);
                long size = UploadSpool.spool(s.stream(), temp, limits.maxBytes(), limits.cancelled(), limits.deadlineNanos());
                limits.checkSize(size);
                InputFile spooled = new InputFile(temp, true, size);
                temp = null;
                return spooled;
            }
            throw new VideoException(ErrorCode.INTERNAL, "unknown input type " + input.getClass().getName());
        } catch (IOException e) {
            throw new VideoException(ErrorCode.INTERNAL, "cannot read or spool " + input.describe() + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Deletes the file if it is a spooled copy; best effort (the temp directory is cleaned by the system). */
    void release() {
        if (temporary) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static Path createTemp(Path spoolDir) throws IOException {
        return spoolDir == null
                ? Files.createTempFile("videoclass-", ".upload")
                : Files.createTempFile(spoolDir, "videoclass-", ".upload");
    }
}
