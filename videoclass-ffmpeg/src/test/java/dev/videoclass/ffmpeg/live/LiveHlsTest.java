package dev.videoclass.ffmpeg.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegLiveDecoder;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.ConnectionCounter;
import dev.videoclass.ffmpeg.testing.HlsServer;
import dev.videoclass.ffmpeg.testing.LiveEncoder;
import dev.videoclass.ffmpeg.testing.LiveRecorder;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveMonitor;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.live.WindowEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A live HLS stream written by ffmpeg and served on 127.0.0.1, watched through the gate. */
@Timeout(120)
class LiveHlsTest {
    @TempDir
    static Path dir;
    static LiveEncoder encoder;
    static HlsServer server;
    static VideoClassifier classifier;

    @BeforeAll
    static void stream() throws Exception {
        encoder = LiveEncoder.start(List.of(new LiveEncoder.Stretch(0x106030, 1)), 320, 240, 25, 25, LiveEncoder.hls(dir, 1));
        server = HlsServer.start(dir);
        classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build();
        encoder.awaitSegments(dir, 2);
    }

    @AfterAll
    static void stop() {
        server.close();
        encoder.close();
        classifier.close();
    }

    @Test
    void windowsOfALiveHlsStream() throws Exception {
        LiveRecorder events = new LiveRecorder();
        LiveSettings s = LiveSettings.builder().every(1).window(2).build();
        try (LiveMonitor m = LiveMonitor.builder(classifier).decoder(new FfmpegLiveDecoder()).settings(s).listener(events)
                .start(server.url("live.m3u8"))) {
            events.awaitWindows(3, Duration.ofSeconds(30));
            assertThat(m.stats().framesDecoded()).isPositive();
        }
        assertThat(events.windows).allSatisfy(w -> {
            assertThat(w.frames()).isBetween(1, 2);
            assertThat(w.isExplicit()).isFalse();
            assertThat(w.decidingFrame().width()).isEqualTo(320);
        });
        assertThat(events.errors).isEmpty();
        assertThat(server.requests()).anyMatch(p -> p.endsWith(".ts"));
    }

    static LiveRecorder watchUntilItEnds(String url, LiveSettings s) throws Exception {
        LiveRecorder events = new LiveRecorder();
        try (LiveMonitor m = LiveMonitor.builder(classifier).decoder(new FfmpegLiveDecoder()).settings(s).listener(events)
                .start(url)) {
            assertThat(m.awaitTermination(Duration.ofSeconds(30))).as("monitor ended").isTrue();
            assertThat(m.failure()).isPresent();
        }
        return events;
    }

    static List<String> refusals(LiveRecorder events) {
        return events.errors.stream().filter(e -> e.kind() == LiveError.Kind.REFUSED).map(LiveError::message).toList();
    }

    @Test
    void segmentsElsewhereAreRefusedAndNothingIsOpenedForThem() throws Exception {
        try (ConnectionCounter other = new ConnectionCounter()) {
            server.serve("elsewhere.m3u8", "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
                    + "#EXTINF:1.0,\nfile:///etc/passwd\n"
                    + "#EXTINF:1.0,\nhttp://127.0.0.1:" + other.port() + "/seg00001.ts\n"
                    + "#EXTINF:1.0,\ndata:video/mp2t;base64,R0FBQQ==\n"
                    + "#EXTINF:1.0,\nhttp://localhost:" + server.port() + "/seg00001.ts\n"
                    + "#EXT-X-ENDLIST\n");
            LiveRecorder events = watchUntilItEnds(server.url("elsewhere.m3u8"), LiveSettings.DEFAULTS);

            assertThat(refusals(events)).anySatisfy(m -> assertThat(m).contains("file:///etc/passwd", "scheme file"))
                    .anySatisfy(m -> assertThat(m).contains("127.0.0.1:" + other.port(), "allow-list"))
                    .anySatisfy(m -> assertThat(m).contains("data:video/mp2t", "scheme data"))
                    .anySatisfy(m -> assertThat(m).contains("localhost:" + server.port()));
            LiveError fatal = events.errors.stream().filter(LiveError::fatal).findFirst().orElseThrow();
            assertThat(fatal.kind()).isEqualTo(LiveError.Kind.REFUSED);
            assertThat(other.connections()).isZero();
            assertThat(events.windows).isEmpty();
        }
    }

    @Test
    void aVariantPlaylistElsewhereIsRefused() throws Exception {
        try (ConnectionCounter other = new ConnectionCounter()) {
            server.serve("master.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=200000\n"
                    + "http://127.0.0.1:" + other.port() + "/live.m3u8\n");
            LiveRecorder events = watchUntilItEnds(server.url("master.m3u8"), LiveSettings.DEFAULTS);
            assertThat(refusals(events)).anySatisfy(m -> assertThat(m).contains("127.0.0.1:" + other.port() + "/live.m3u8"));
            assertThat(events.errors.stream().filter(LiveError::fatal).findFirst().orElseThrow().kind())
                    .isEqualTo(LiveError.Kind.REFUSED);
            assertThat(other.connections()).isZero();
        }
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        try (ConnectionCounter other = new ConnectionCounter()) {
            server.redirect("moved.m3u8", "http://127.0.0.1:" + other.port() + "/live.m3u8");
            LiveRecorder events = watchUntilItEnds(server.url("moved.m3u8"), LiveSettings.DEFAULTS);
            assertThat(events.errors.stream().filter(LiveError::fatal).findFirst().orElseThrow().message())
                    .contains("redirects to 'http://127.0.0.1:" + other.port() + "/live.m3u8'");
            assertThat(other.connections()).isZero();
        }
    }

    @Test
    void segmentsOnAnAllowedHostArePlayed() throws Exception {
        try (HlsServer cdn = HlsServer.start(dir)) {
            // the playlist of the live stream, its segments named on another port (the "CDN")
            String playlist = Files.readString(dir.resolve("live.m3u8"))
                    .replaceAll("(?m)^(seg\\d+\\.ts)$", "http://127.0.0.1:" + cdn.port() + "/$1");
            server.serve("cdn.m3u8", playlist + "#EXT-X-ENDLIST\n");
            LiveSettings s = LiveSettings.builder().every(1).window(2).maxReconnects(0)
                    .allowHost("127.0.0.1:" + cdn.port()).build();
            LiveRecorder events = watchUntilItEnds(server.url("cdn.m3u8"), s);
            assertThat(refusals(events)).isEmpty();
            assertThat(events.windows).isNotEmpty();
            assertThat(cdn.requests()).anyMatch(p -> p.endsWith(".ts"));
        }
    }
}
