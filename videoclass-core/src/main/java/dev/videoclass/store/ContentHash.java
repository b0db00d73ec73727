package dev.videoclass.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash that identifies a video for deduplication: SHA-256 of its bytes, lower-case hex
 * (64 characters). The same bytes under any name hash alike; one changed byte does not. Stateless.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /** SHA-256 of the file's bytes, streamed (constant memory). */
    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** SHA-256 of the bytes. */
    public static String of(byte[] bytes) {
        MessageDigest md = sha256();
        md.update(bytes);
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of everything the stream yields (read to its end, not closed). */
    public static String of(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
