package dev.videoclass;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a video's bytes come from: a file, a byte array or a stream. Byte arrays and streams are
 * treated as untrusted uploads; files are opened read-only and, like uploads, may not make the
 * decoder open any other resource. A stream is read once and is not closed by the library.
 */
public sealed interface VideoInput permits VideoInput.FileInput, VideoInput.BytesInput, VideoInput.StreamInput {

    /** A short description for logs and messages (never the content). */
    String describe();

    static VideoInput of(Path path) {
        return new FileInput(path);
    }

    static VideoInput of(byte[] bytes) {
        return new BytesInput(bytes);
    }

    static VideoInput of(InputStream stream) {
        return new StreamInput(stream);
    }

    /** A video file on a local file system. */
    record FileInput(Path path) implements VideoInput {
        public FileInput {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** An upload held in memory. The array is not copied; do not modify it while it is in use. */
    record BytesInput(byte[] bytes) implements VideoInput {
        public BytesInput {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String describe() {
            return "upload of " + bytes.length + " bytes";
        }
    }

    /** An upload arriving as a stream, read to its end once (up to the size limit). */
    record StreamInput(InputStream stream) implements VideoInput {
        public StreamInput {
            Objects.requireNonNull(stream, "stream");
        }

        @Override
        public String describe() {
            return "upload stream";
        }
    }
}
