package dev.videoclass.ffmpeg.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The RTSP framing of one direction of a connection, as {@link RtspRelay} copies it: an interleaved
 * binary frame ({@code $}, a channel byte, a 16-bit big-endian length, the payload) passes through
 * byte-exact (one under {@link #MIN_FRAME_BYTES} is dropped); a text message (a request or a
 * response) is its head, lines up to an empty line, which goes through a {@link HeadRewriter}, and a
 * body of {@code Content-Length} bytes, which passes through unchanged. Each message is read whole
 * before any of it is written, so the reader gets whole messages or nothing: a peer that stalls
 * inside a body or frame cannot leave the reader holding half of one (FFmpeg, after a timeout,
 * would take the rest for the next message, a head the rewriter never saw). A head over
 * {@link #MAX_HEAD_BYTES} or a body over {@link #MAX_BODY_BYTES} ends the copy with an
 * {@link IOException}, so a peer cannot make the relay buffer without bound.
 *
 * <p>Stateless; {@link #copy} blocks its thread and owns neither stream.
 */
final class RtspFraming {
    /** The largest text head accepted, in bytes. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /**
     * Interleaved frames shorter than this are dropped, in bytes: no RTP or RTCP packet is, and
     * FFmpeg does not skip one but reads its payload as text.
     */
    static final int MIN_FRAME_BYTES = 8;
    /** The largest text body accepted, in bytes. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** What becomes of a text message's head on its way through. */
    @FunctionalInterface
    interface HeadRewriter {
        /**
         * @param head the head as read (ISO-8859-1), CRLF or LF line ends, the empty line included
         * @return the head to write instead, or null to end the connection without writing it
         */
        String rewrite(String head);
    }

    private RtspFraming() {
    }

    /**
     * Copies {@code in} to {@code out} message by message until {@code in} ends (normal return) or
     * {@code heads} answers null (returns false); {@code out} is flushed whenever {@code in} has
     * nothing more buffered.
     *
     * @return true when the input ended, false when the rewriter ended the connection
     * @throws IOException on a read or write failure, a cut frame, or a head or body over its cap
     */
    static boolean copy(InputStream in, OutputStream out, HeadRewriter heads) throws IOException {
        byte[] frame = new byte[4 + 0xffff]; // one interleaved frame at a time, reused: one per RTP packet
        while (true) {
            int first = in.read();
            if (first < 0) {
                out.flush();
                return true;
            }
            if (first == '$') {
                frame[0] = '$';
                readFully(in, frame, 1, 3);
                int length = ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
                readFully(in, frame, 4, length); // the whole frame or nothing
                if (length >= MIN_FRAME_BYTES) {
                    out.write(frame, 0, 4 + length);
                }
            } else if (first == '\r' || first == '\n') {
                out.write(first); // blank lines between messages
            } else {
                String head = readHead(first, in);
                int length = contentLength(head);
                String rewritten = heads.rewrite(head);
                if (rewritten == null) {
                    out.flush();
                    return false;
                }
                byte[] body = readExactly(in, length); // the whole message or nothing
                out.write(rewritten.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
            }
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    private static String readHead(int first, InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        head.write(first);
        int lineLength = 1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection ended inside an RTSP head");
            }
            head.write(c);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("an RTSP head over " + MAX_HEAD_BYTES + " bytes");
            }
            if (c == '\n') {
                if (lineLength == 0) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
                lineLength = 0;
            } else if (c != '\r') {
                lineLength++;
            }
        }
    }

    /** The head's {@code Content-Length} (0 when absent). */
    static int contentLength(String head) throws IOException {
        String value = header(head, "content-length");
        if (value == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > MAX_BODY_BYTES) {
                throw new IOException("an RTSP body of " + n + " bytes (at most " + MAX_BODY_BYTES + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("a malformed RTSP Content-Length", e);
        }
    }

    /** The trimmed value of the head's first header named {@code name} (case-insensitive), or null. */
    static String header(String head, String name) {
        String[] lines = head.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        readFully(in, b, 0, n);
        return b;
    }

    private static void readFully(InputStream in, byte[] b, int off, int n) throws IOException {
        if (in.readNBytes(b, off, n) < n) {
            throw new EOFException("the connection ended inside an interleaved frame or an RTSP body");
        }
    }
}
