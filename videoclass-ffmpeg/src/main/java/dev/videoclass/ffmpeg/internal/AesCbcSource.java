package dev.videoclass.ffmpeg.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An AES-128-CBC encrypted HLS segment ({@code #EXT-X-KEY:METHOD=AES-128}), decrypted while read:
 * what FFmpeg's {@code crypto} protocol would do, here in Java so that the encrypted bytes, like all
 * others, come through the gate's own HTTP client. PKCS#7 padding is removed at the end.
 */
final class AesCbcSource implements ByteSource {
    private final ByteSource encrypted;
    private final Cipher cipher;
    private final byte[] in = new byte[16 * 1024];
    private byte[] out = new byte[0];
    private int outPos;
    private boolean finished;

    /** @param keyHex and {@code ivHex}: 16 bytes each, as FFmpeg passes them (32 hex digits) */
    AesCbcSource(ByteSource encrypted, String keyHex, String ivHex) throws IOException {
        this.encrypted = encrypted;
        try {
            cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(keyHex), "AES"),
                    new IvParameterSpec(HexFormat.of().parseHex(ivHex)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot decrypt the segment: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (outPos >= out.length) {
            if (finished) {
                return -1;
            }
            int n = encrypted.read(in, 0, in.length);
            try {
                if (n < 0) {
                    finished = true;
                    out = cipher.doFinal();
                } else {
                    byte[] o = cipher.update(in, 0, n);
                    out = o == null ? new byte[0] : o;
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot decrypt the segment: " + e.getMessage(), e);
            }
            outPos = 0;
        }
        int n = Math.min(len, out.length - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    @Override
    public void close() {
        encrypted.close();
    }
}
