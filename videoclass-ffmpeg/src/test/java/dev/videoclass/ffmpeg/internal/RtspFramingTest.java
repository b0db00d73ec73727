package dev.videoclass.ffmpeg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.videoclass.live.StreamPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The relay's framing and rewriting on byte streams: what reaches the server and what reaches FFmpeg. */
class RtspFramingTest {
    static final String LOCAL = "rtsp://127.0.0.1:40123";
    final StreamPolicy policy = StreamPolicy.of("rtsps://user:secret@Cam.example:8322/live?token=abc", List.of());
    final List<String> refusals = new ArrayList<>();
    final RtspRewrite rewrite = new RtspRewrite(policy, LOCAL, refusals::add);

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] frame(int channel, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write('$');
        b.write(channel);
        b.write(payload.length >> 8);
        b.write(payload.length);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static String copy(byte[] in, RtspFraming.HeadRewriter heads, boolean endedByInput) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(RtspFraming.copy(new ByteArrayInputStream(in), out, heads)).isEqualTo(endedByInput);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void interleavedFramesPassByteExactAndRequestLinesNameTheServersOrigin() throws IOException {
        byte[] payload = new byte[3000];
        new Random(7).nextBytes(payload);
        payload[0] = '$';
        payload[1] = '\r';
        payload[2] = '\n';
        String request = "SETUP " + LOCAL + "/live?token=abc/trackID=0 RTSP/1.0\r\nCSeq: 3\r\n"
                + "Content-Length: 5\r\n\r\n";
        byte[] in = concat(frame(1, payload), ascii(request), ascii(LOCAL.substring(0, 5)), frame(0, new byte[0]));

        String out = copy(in, rewrite::toServer, true);

        byte[] expectedRequest = ascii(request.replace(LOCAL, "rtsps://Cam.example:8322"));
        assertThat(out.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(concat(frame(1, payload), expectedRequest,
                ascii(LOCAL.substring(0, 5)), frame(0, new byte[0])));
        assertThat(out).doesNotContain("secret").doesNotContain("127.0.0.1");
    }

    @Test
    void aRedirectElsewhereBecomesForbiddenAndIsReportedWithoutSecrets() throws IOException {
        String reply = "RTSP/1.0 302 Moved\r\nCSeq: 2\r\nLocation: rtsps://u:pw@evil.example:8322/x?k=1\r\n\r\n";

        String out = copy(ascii(reply), rewrite::toClient, true);

        assertThat(out).isEqualTo("RTSP/1.0 403 Forbidden\r\nCSeq: 2\r\n\r\n");
        assertThat(refusals).singleElement().asString()
                .contains("'rtsps://evil.example:8322/x'", "redirected", "rtsps://cam.example:8322/live")
                .doesNotContain("pw", "k=1", "secret", "token");
    }

    @Test
    void aSameOriginRedirectLeadsBackThroughTheRelay() throws IOException {
        String reply = "RTSP/1.0 301 Moved\r\nCSeq: 2\r\nLocation: rtsps://cam.example:8322/other?a=b\r\n\r\n";

        String out = copy(ascii(reply), rewrite::toClient, true);

        assertThat(out).isEqualTo("RTSP/1.0 301 Moved\r\nCSeq: 2\r\nLocation: " + LOCAL + "/other?a=b\r\n\r\n");
        assertThat(refusals).isEmpty();
    }

    @Test
    void aRedirectToAnotherSchemeOnTheSameHostIsRefused() throws IOException {
        String reply = "RTSP/1.0 302 Moved\r\nCSeq: 2\r\nLocation: rtsp://cam.example:8322/live\r\n\r\n";

        assertThat(copy(ascii(reply), rewrite::toClient, true)).startsWith("RTSP/1.0 403 Forbidden");
        assertThat(refusals).hasSize(1);
    }

    @Test
    void aServersRedirectRequestEndsTheConnection() throws IOException {
        byte[] in = concat(frame(0, new byte[] {1, 2, 3}),
                ascii("REDIRECT rtsps://cam.example:8322/live RTSP/1.0\r\nCSeq: 9\r\nLocation: rtsp://10.0.0.9/x\r\n\r\n"),
                frame(0, new byte[] {4}));

        String out = copy(in, rewrite::toClient, false);

        assertThat(out.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(frame(0, new byte[] {1, 2, 3}));
        assertThat(refusals).singleElement().asString().contains("'rtsp://10.0.0.9/x'");
    }

    @Test
    void anOversizedHeadOrBodyEndsTheConnection() {
        byte[] head = ascii("OPTIONS * RTSP/1.0\r\nX: " + "a".repeat(RtspFraming.MAX_HEAD_BYTES) + "\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> RtspFraming.copy(new ByteArrayInputStream(head), out, rewrite::toServer))
                .isInstanceOf(IOException.class).hasMessageContaining("head");
        assertThat(out.size()).isZero();

        byte[] body = ascii("RTSP/1.0 200 OK\r\nContent-Length: " + (RtspFraming.MAX_BODY_BYTES + 1) + "\r\n\r\n");
        assertThatThrownBy(() -> RtspFraming.copy(new ByteArrayInputStream(body), out, rewrite::toClient))
                .isInstanceOf(IOException.class).hasMessageContaining("body");
    }
}
