package dev.videoclass.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where a stream may lead: its own scheme, host and port, and the allow-list; nothing local. */
@Timeout(10)
class StreamPolicyTest {
    @Test
    void theStreamUrlNamesItsSchemeHostAndPort() {
        StreamPolicy p = StreamPolicy.of("rtsp://user:secret@Cam.Example:8554/stream?x=1", List.of());
        assertThat(p.scheme()).isEqualTo(StreamPolicy.Scheme.RTSP);
        assertThat(p.host()).isEqualTo("cam.example");
        assertThat(p.port()).isEqualTo(8554);
        assertThat(p.redacted()).isEqualTo("rtsp://cam.example:8554/stream").doesNotContain("secret");
        assertThat(StreamPolicy.of("https://live.example/a.m3u8", List.of()).port()).isEqualTo(443);
        assertThat(StreamPolicy.of("rtsp://[::1]/s", List.of()).host()).isEqualTo("::1");
    }

    @Test
    void localFilesDevicesOtherSchemesAndListenersAreRefused() {
        for (String url : List.of("file:///etc/passwd", "/dev/video0", "video.mp4", "data:video/mp4;base64,AA", "pipe:0",
                "ftp://h/x", "rtmp://h/live", "srt://h", "srt://h:9000?mode=listener", "srt://h:9000?mode=rendezvous",
                "http://user:pw@h/x.m3u8", "http:///x.m3u8", "not a url")) {
            assertThatThrownBy(() -> StreamPolicy.of(url, List.of())).as(url)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("refused");
        }
        assertThat(StreamPolicy.of("srt://h:9000?mode=caller&latency=200", List.of()).port()).isEqualTo(9000);
    }

    @Test
    void refusalsNeverQuoteCredentialsOrPassphrases() {
        assertThatThrownBy(() -> StreamPolicy.of("http://user:pw@h/x.m3u8", List.of()))
                .hasMessageContaining("'http://h/x.m3u8'").message().doesNotContain("pw");
        assertThatThrownBy(() -> StreamPolicy.of("srt://h:9000?mode=listener&passphrase=hunter22", List.of()))
                .message().doesNotContain("hunter22");
        StreamPolicy p = StreamPolicy.of("https://live.example/a.m3u8", List.of());
        assertThat(p.refusal("https://u:secret@other.example/s.ts?token=abc")).hasValueSatisfying(m ->
                assertThat(m).contains("other.example").doesNotContain("secret").doesNotContain("abc"));
    }

    @Test
    void furtherUrlsMustStayOnTheStreamsHostAndPortOrTheAllowList() {
        StreamPolicy p = StreamPolicy.of("http://127.0.0.1:8080/live.m3u8",
                List.of("cdn.example.com", "*.edge.example:8443", "[::1]:9000"));
        assertThat(p.refusal("http://127.0.0.1:8080/seg1.ts")).isEmpty();
        assertThat(p.refusal("https://cdn.example.com/seg1.ts")).isEmpty();
        assertThat(p.refusal("http://cdn.example.com/seg1.ts")).isEmpty();
        assertThat(p.refusal("https://a.b.edge.example:8443/seg1.ts")).isEmpty();
        assertThat(p.refusal("http://[::1]:9000/seg1.ts")).isEmpty();

        assertThat(p.refusal("http://127.0.0.1:8081/seg1.ts")).get().asString().contains("127.0.0.1:8081", "allow-list");
        assertThat(p.refusal("http://localhost:8080/seg1.ts")).isPresent();
        assertThat(p.refusal("https://cdn.example.com:8443/seg1.ts")).isPresent();
        assertThat(p.refusal("https://edge.example:8443/seg1.ts")).isPresent();
        assertThat(p.refusal("https://evil-edge.example:8443/seg1.ts")).isPresent();
        assertThat(p.refusal("file:///etc/passwd")).get().asString().contains("scheme file");
        assertThat(p.refusal("data:video/mp2t;base64,AAAA")).get().asString().contains("scheme data");
        assertThat(p.refusal("crypto+http://127.0.0.1:8080/seg.ts")).isPresent();
        assertThat(p.refusal("seg1.ts")).isPresent();
        assertThat(p.refusal("http://u:p@127.0.0.1:8080/seg1.ts")).get().asString().contains("user information");
        assertThat(p.refusal("http://127.0.0.1:8080/a b.ts")).get().asString().contains("not a valid URL");
    }

    @Test
    void anHttpsStreamDoesNotFallBackToHttp() {
        StreamPolicy p = StreamPolicy.of("https://live.example/a.m3u8", List.of("cdn.example"));
        assertThat(p.refusal("https://cdn.example/s.ts")).isEmpty();
        assertThat(p.refusal("http://cdn.example:443/s.ts")).get().asString().contains("may not fall back to http");
        assertThat(p.refusal("http://live.example:443/s.ts")).isPresent();
    }

    @Test
    void malformedAllowListEntriesFailEarly() {
        for (String e : List.of("", "h:0", "h:99999", "h:x", "a/b", "u@h", "*", "*.", "a*.b", "[::1")) {
            assertThatThrownBy(() -> LiveSettings.builder().allowHost(e).build()).as(e)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
