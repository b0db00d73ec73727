package dev.videoclass.ffmpeg.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegLiveDecoder;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.ConnectionCounter;
import dev.videoclass.ffmpeg.testing.LiveEncoder;
import dev.videoclass.ffmpeg.testing.LiveRecorder;
import dev.videoclass.ffmpeg.testing.RtspDigest;
import dev.videoclass.ffmpeg.testing.RtspTestServer;
import dev.videoclass.ffmpeg.testing.TlsFront;
import dev.videoclass.ffmpeg.testing.SelfSignedTls;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveMonitor;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.live.StreamPolicy;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RTSP (a Java RTSP server relaying ffmpeg's RTP, on 127.0.0.1) and SRT (ffmpeg as the listener). */
@Timeout(120)
class LiveRtspSrtTest {
    @TempDir
    static Path dir;
    static RtspTestServer rtsp;
    static VideoClassifier classifier;

    @BeforeAll
    static void start() throws Exception {
        rtsp = RtspTestServer.start(List.of(new LiveEncoder.Stretch(0x106030, 1)), dir);
        classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        rtsp.close();
        classifier.close();
    }

    static LiveMonitor watch(String url, LiveRecorder events, LiveSettings s) {
        return LiveMonitor.builder(classifier).decoder(new FfmpegLiveDecoder(3)).settings(s).listener(events).start(url);
    }

    @Test
    void windowsOfAnRtspStreamAndAReconnection() throws Exception {
        LiveRecorder events = new LiveRecorder();
        LiveSettings s = LiveSettings.builder().every(1).window(2).stall(3).backoff(0.2, 1).maxReconnects(30).build();
        try (LiveMonitor m = watch(rtsp.url(), events, s)) {
            events.awaitWindows(2, Duration.ofSeconds(30));
            rtsp.stop();
            LiveRecorder.await(Duration.ofSeconds(30), () -> !events.errors.isEmpty(), () -> "the loss");
            Thread.sleep(1000);
            rtsp.restart();
            LiveRecorder.await(Duration.ofSeconds(40), () -> !events.gaps.isEmpty(), () -> "a gap; errors " + events.errors);
            int before = events.windows.size();
            events.awaitWindows(before + 1, Duration.ofSeconds(30));
        }
        assertThat(events.windows).allSatisfy(w -> {
            assertThat(w.decidingFrame().width()).isEqualTo(320);
            assertThat(w.isExplicit()).isFalse();
        });
        assertThat(events.errors).noneMatch(LiveError::fatal);
    }

    @Test
    void aRedirectToAnotherPortIsRefusedWithoutAConnectionToIt() throws Exception {
        try (ConnectionCounter other = new ConnectionCounter()) {
            rtsp.redirectTo("rtsp://127.0.0.1:" + other.port() + "/live");
            LiveRecorder events = new LiveRecorder();
            try (LiveMonitor m = watch(rtsp.url(), events, LiveSettings.DEFAULTS)) {
                assertThat(m.awaitTermination(Duration.ofSeconds(30))).isTrue();
            } finally {
                rtsp.redirectTo(null);
            }
            LiveError fatal = events.errors.stream().filter(LiveError::fatal).findFirst().orElseThrow();
            assertThat(fatal.kind()).isEqualTo(LiveError.Kind.REFUSED);
            assertThat(fatal.message()).contains("127.0.0.1:" + other.port(), "redirected");
            Thread.sleep(300);
            assertThat(other.connections()).isZero();
        }
    }

    @Test
    void aRedirectToTheSameServerIsFollowedThroughTheRelay() throws Exception {
        String target = rtsp.url() + "2";
        rtsp.redirectTo(target);
        LiveRecorder events = new LiveRecorder();
        LiveSettings s = LiveSettings.builder().every(1).window(2).stall(3).build();
        try (LiveMonitor m = watch(rtsp.url(), events, s)) {
            events.awaitWindows(1, Duration.ofSeconds(30));
        } finally {
            rtsp.redirectTo(null);
        }
        // both DESCRIBEs came through the relay: they name its origin, not the server's
        String server = "rtsp://127.0.0.1:" + java.net.URI.create(rtsp.url()).getPort() + "/";
        assertThat(rtsp.described()).extracting(u -> java.net.URI.create(u).getPath()).contains("/live", "/live2");
        assertThat(rtsp.described()).allSatisfy(u -> assertThat(u).startsWith("rtsp://127.0.0.1:").doesNotStartWith(server));
        assertThat(events.errors).noneMatch(e -> e.kind() == LiveError.Kind.REFUSED);
    }

    @Test
    void anRtspsServerWithAnUntrustedCertificateIsRefusedBeforeAnythingIsSent() throws Exception {
        try (ConnectionCounter tls = new ConnectionCounter(SelfSignedTls.listen(dir))) {
            LiveRecorder events = new LiveRecorder();
            try (LiveMonitor m = watch("rtsps://127.0.0.1:" + tls.port() + "/live", events, LiveSettings.DEFAULTS)) {
                assertThat(m.awaitTermination(Duration.ofSeconds(30))).isTrue();
            }
            LiveError fatal = events.errors.stream().filter(LiveError::fatal).findFirst().orElseThrow();
            assertThat(fatal.kind()).isEqualTo(LiveError.Kind.UNREACHABLE);
            assertThat(fatal.message()).containsIgnoringCase("certificate").contains("handshake");
            assertThat(tls.connections()).isPositive();
            assertThat(tls.bytes()).isZero(); // no handshake completed, so no request went there
        }
    }

    @Test
    void aCameraThatAsksForDigestAuthenticationIsWatchedThroughTheRelay() throws Exception {
        rtsp.requireDigest(new RtspDigest("viewer", "s3cret"));
        LiveRecorder events = new LiveRecorder();
        LiveSettings s = LiveSettings.builder().every(1).window(2).stall(3).build();
        String url = rtsp.url().replace("rtsp://", "rtsp://viewer:s3cret@");
        try (LiveMonitor m = watch(url, events, s)) {
            events.awaitWindows(1, Duration.ofSeconds(30));
        } finally {
            rtsp.requireDigest(null);
        }
        assertThat(events.errors).noneMatch(LiveError::fatal);
    }

    /**
     * A server whose every answer is a redirect elsewhere that FFmpeg would read (a tab after the
     * version) but strict RTSP does not allow: the relay ends the connection instead of passing it on.
     */
    @Test
    void aRedirectInALooseHeadIsNotPassedToFfmpeg() throws Exception {
        try (ConnectionCounter other = new ConnectionCounter();
             java.net.ServerSocket hostile = new java.net.ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!hostile.isClosed()) {
                    try (java.net.Socket c = hostile.accept()) {
                        java.io.BufferedReader in = new java.io.BufferedReader(
                                new java.io.InputStreamReader(c.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
                        String cseq = "1";
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            cseq = line.regionMatches(true, 0, "CSeq:", 0, 5) ? line.substring(5).trim() : cseq;
                        }
                        c.getOutputStream().write(("RTSP/1.0\t302 Found\r\nCSeq: " + cseq + "\r\nLocation: rtsp://127.0.0.1:"
                                + other.port() + "/x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        c.getOutputStream().flush();
                        Thread.sleep(200);
                    } catch (Exception e) {
                        // closed
                    }
                }
            }, "hostile-rtsp");
            server.setDaemon(true);
            server.start();
            LiveRecorder events = new LiveRecorder();
            LiveSettings s = LiveSettings.builder().backoff(0.1, 0.2).maxReconnects(2).build();
            try (LiveMonitor m = watch("rtsp://127.0.0.1:" + hostile.getLocalPort() + "/live", events, s)) {
                assertThat(m.awaitTermination(Duration.ofSeconds(60))).isTrue();
            }
            assertThat(events.errors).isNotEmpty().anySatisfy(e -> assertThat(e.message()).contains("not strict RTSP/1.0"));
            Thread.sleep(300);
            assertThat(other.connections()).isZero();
        }
    }

    @Test
    void anRtspsStreamWhoseCertificateTheJvmTrustsIsWatched() throws Exception {
        javax.net.ssl.SSLContext jvmDefault = javax.net.ssl.SSLContext.getDefault();
        try (TlsFront front = TlsFront.start(SelfSignedTls.listen(dir), java.net.URI.create(rtsp.url()).getPort())) {
            javax.net.ssl.SSLContext.setDefault(SelfSignedTls.trusting(dir));
            LiveRecorder events = new LiveRecorder();
            LiveSettings s = LiveSettings.builder().every(1).window(2).stall(3).build();
            try (LiveMonitor m = watch("rtsps://127.0.0.1:" + front.port() + "/live", events, s)) {
                events.awaitWindows(1, Duration.ofSeconds(30));
            }
            assertThat(events.windows.get(0).decidingFrame().width()).isEqualTo(320);
            assertThat(events.errors).noneMatch(LiveError::fatal);
        } finally {
            javax.net.ssl.SSLContext.setDefault(jvmDefault);
        }
    }

    @Test
    void anSrtStreamInCallerMode() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new FfmpegLiveDecoder().schemes().contains(StreamPolicy.Scheme.SRT),
                "this FFmpeg build has no SRT");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (LiveEncoder srt = LiveEncoder.start(List.of(new LiveEncoder.Stretch(0x202080, 1)), 320, 240, 25, 25,
                List.of("-f", "mpegts", "srt://127.0.0.1:" + port + "?mode=listener"))) {
            Thread.sleep(500);
            LiveRecorder events = new LiveRecorder();
            LiveSettings s = LiveSettings.builder().every(1).window(2).backoff(0.3, 1).maxReconnects(5).build();
            try (LiveMonitor m = watch("srt://127.0.0.1:" + port, events, s)) {
                events.awaitWindows(2, Duration.ofSeconds(30));
            }
            assertThat(events.windows.get(0).decidingFrame().width()).isEqualTo(320);
        }
    }
}
