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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void interleavedFramesAndRequestsPassByteExact() throws IOException {
        byte[] payload = new byte[3000];
        new Random(7).nextBytes(payload);
        payload[0] = '$';
        payload[1] = '\r';
        payload[2] = '\n';
        String request = "SETUP " + LOCAL + "/live?token=abc/trackID=0 RTSP/1.0\r\nCSeq: 3\r\n"
                + "Authorization: Digest username=\"u\", uri=\"" + LOCAL + "/live\"\r\nContent-Length: 5\r\n\r\n";
        byte[] in = concat(frame(1, payload), ascii(request), ascii(LOCAL.substring(0, 5)), frame(0, new byte[8]));

        String out = copy(in, head -> head, true);

        assertThat(out.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(in);
    }

    /**
     * A server that stalls inside a body must not leave FFmpeg holding half a message: after its
     * timeout FFmpeg would read the rest as the next reply, a head the relay never rebuilt.
     */
    @Test
    void nothingOfAMessageIsWrittenBeforeAllOfItIsRead() {
        byte[] cut = ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 9067\r\n\r\n" + "\r".repeat(9000));
        byte[] cutFrame = concat(frame(0, new byte[64]), ascii("$"), new byte[] {0, 0x10, 0});
        for (byte[] in : List.of(cut, cutFrame)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> RtspFraming.copy(new ByteArrayInputStream(in), out, rewrite::toClient))
                    .isInstanceOf(IOException.class);
            assertThat(out.toByteArray()).isEqualTo(in == cut ? new byte[0] : frame(0, new byte[64]));
        }
    }

    /** FFmpeg would read a short frame's payload as text; no RTP or RTCP packet is that short. */
    @Test
    void framesShorterThanAnRtcpPacketAreDropped() throws IOException {
        byte[] in = concat(frame(0, ascii("RTSP/1")), frame(1, new byte[8]), frame(0, new byte[0]));

        assertThat(copy(in, head -> head, true).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(frame(1, new byte[8]));
    }

    /** FFmpeg keeps the first 4,095 bytes of a line: a longer one could split differently for it. */
    @Test
    void aLineFfmpegWouldTruncateEndsTheConnection() throws IOException {
        String padded = "RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length:" + " ".repeat(4100) + "60\r\n\r\n"
                + "RTSP/1.0 302 Found\r\nCSeq: 2\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n";
        String longUser = "RTSP/1.0 302 Found\r\nCSeq: 2\r\nLocation: rtsps://127.0.0.2:9:" + "a".repeat(4100)
                + "@cam.example:8322/ok\r\n\r\n";

        assertThat(copy(ascii(padded), rewrite::toClient, false)).isEmpty();
        assertThat(copy(ascii(longUser), rewrite::toClient, false)).isEmpty();
    }

    @Test
    void aSameOriginRedirectCarriesTheStreamsUserInformationNeverTheServers() throws IOException {
        String reply = "RTSP/1.0 302 Found\r\nCSeq: 2\r\nLocation: rtsps://127.0.0.2:9:x@cam.example:8322/ok\r\n\r\n";

        String out = copy(ascii(reply), rewrite::toClient, true);

        assertThat(out).isEqualTo("RTSP/1.0 302 Found\r\nCSeq: 2\r\nLocation: rtsp://user:secret@127.0.0.1:40123/ok\r\n\r\n");
    }

    @Test
    void contentLengthIsRebuiltAsTheNumberTheFramingUses() throws IOException {
        String reply = "RTSP/1.0 200 OK\r\nContent-Length:   3 \r\n\r\nv=0";

        assertThat(copy(ascii(reply), rewrite::toClient, true)).isEqualTo("RTSP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nv=0");
    }

    @Test
    void aServerHeadIsRebuiltWithCrlfLineEnds() throws IOException {
        String reply = "RTSP/1.0 200 OK\nCSeq: 2\nContent-Length: 3\n\nv=0" ;

        assertThat(copy(ascii(reply), rewrite::toClient, true)).isEqualTo("RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 3\r\n\r\nv=0");
    }

    /** Heads FFmpeg would read as a redirect elsewhere (it is looser than the relay), which the relay must not pass. */
    @ParameterizedTest
    @ValueSource(strings = {
            "RTSP/1.0\t302 Found\r\nCSeq: 2\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 0302 Found\r\nCSeq: 2\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 302x Found\r\nCSeq: 2\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "R\rTSP/1.0 302 Found\r\nCSeq: 2\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 3\r02 Found\r\nCSeq: 2\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 302 Found\r\nLocation: rtsps://cam.example:8322/a\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 302 Found\r\nLocation: rtsps://cam.example:8322/a\r\nLoc\ration: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 200 OK\r\nContent-Length: 60\r\nContent-Length: 0\r\n\r\nRTSP/1.0 302 Found\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 200 OK\r\nContent-Length : 60\r\n\r\nRTSP/1.0 302 Found\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 200 OK\r\nCSeq: 2\r\n$\u0000\u0000\u0000\r\nContent-Length: 60\r\n\r\nRTSP/1.0 302 Found\r\nLocation: rtsp://127.0.0.2:9/x\r\n\r\n",
            "RTSP/1.0 200 OK\r\nCSeq: 2\r\n folded: x\r\n\r\n",
            "RTSP/1.0 200 OK\r\nCSeq\u0000: 2\r\n\r\n"})
    void aHeadTheRelayDoesNotFullyUnderstandEndsTheConnection(String reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ended;
        try {
            ended = !RtspFraming.copy(new ByteArrayInputStream(ascii(reply)), out, rewrite::toClient);
        } catch (IOException e) {
            ended = true;
        }
        assertThat(ended).isTrue();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).doesNotContain("127.0.0.2");
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

        assertThat(out).isEqualTo("RTSP/1.0 301 Moved\r\nCSeq: 2\r\nLocation: rtsp://user:secret@127.0.0.1:40123/other?a=b\r\n\r\n");
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
        byte[] in = concat(frame(0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                ascii("REDIRECT rtsps://cam.example:8322/live RTSP/1.0\r\nCSeq: 9\r\nLocation: rtsp://10.0.0.9/x\r\n\r\n"),
                frame(0, new byte[] {4, 4, 4, 4, 4, 4, 4, 4}));

        String out = copy(in, rewrite::toClient, false);

        assertThat(out.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(frame(0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertThat(refusals).singleElement().asString().contains("'rtsp://10.0.0.9/x'");
    }

    @Test
    void anOversizedHeadOrBodyEndsTheConnection() {
        byte[] head = ascii("OPTIONS * RTSP/1.0\r\nX: " + "a".repeat(RtspFraming.MAX_HEAD_BYTES) + "\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> RtspFraming.copy(new ByteArrayInputStream(head), out, h -> h))
                .isInstanceOf(IOException.class).hasMessageContaining("head");
        assertThat(out.size()).isZero();

        byte[] body = ascii("RTSP/1.0 200 OK\r\nContent-Length: " + (RtspFraming.MAX_BODY_BYTES + 1) + "\r\n\r\n");
        assertThatThrownBy(() -> RtspFraming.copy(new ByteArrayInputStream(body), out, rewrite::toClient))
                .isInstanceOf(IOException.class).hasMessageContaining("body");
    }
}
