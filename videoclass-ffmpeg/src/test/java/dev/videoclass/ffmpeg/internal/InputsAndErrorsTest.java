package dev.videoclass.ffmpeg.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.Limits;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.ffmpeg.testing.TestVideos.Codec;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte and stream inputs, lock-down, limits and failure paths. */
class InputsAndErrorsTest {
    @TempDir
    static Path dir;
    @TempDir
    static Path spool;
    static Path mp4;
    static Path longer;
    static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();

    @BeforeAll
    static void writeVideos() {
        mp4 = TestVideos.video().size(320, 240).fps(30).segments(3, 1.0).codec(Codec.H264_MP4).gop(15)
                .writeTo(dir.resolve("small.mp4"));
        longer = TestVideos.video().size(320, 240).fps(30).segments(4, 5.0).codec(Codec.H264_MKV)
                .writeTo(dir.resolve("longer.mkv"));
    }

    static List<String> digests(FrameSource src) throws Exception {
        List<String> out = new ArrayList<>();
        Frame f;
        while ((f = src.next()) != null) {
            out.add(f.ptsSeconds() + ":" + Arrays.hashCode(Arrays.copyOf(f.rgb(), f.width() * f.height() * 3)));
        }
        return out;
    }

    static ErrorCode codeOf(VideoInput in, DecodeOptions opts) {
        VideoException e = catchThrowableOfType(VideoException.class, () -> {
            try (FrameSource s = DECODER.open(in, opts)) {
                while (s.next() != null) {
                    // drain
                }
            }
        });
        assertThat(e).as("expected a VideoException").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e.code();
    }

    static long spoolFiles() throws Exception {
        try (Stream<Path> s = Files.list(spool)) {
            return s.count();
        }
    }

    @Test
    void bytesAndStreamGiveTheSameFramesAsTheFileAndLeaveNoTempFiles() throws Exception {
        FfmpegVideoDecoder spooling = new FfmpegVideoDecoder(spool);
        byte[] bytes = Files.readAllBytes(mp4);
        List<String> fromFile;
        try (FrameSource s = spooling.open(VideoInput.of(mp4), DecodeOptions.DEFAULTS)) {
            fromFile = digests(s);
        }
        try (FrameSource s = spooling.open(VideoInput.of(bytes), DecodeOptions.DEFAULTS)) {
            assertThat(spoolFiles()).isEqualTo(1);
            assertThat(s.info().sizeBytes()).isEqualTo(bytes.length);
            assertThat(digests(s)).isEqualTo(fromFile);
        }
        try (FrameSource s = spooling.open(VideoInput.of(new ByteArrayInputStream(bytes)), DecodeOptions.DEFAULTS)) {
            assertThat(s.info().sizeBytes()).isEqualTo(bytes.length);
            assertThat(digests(s)).isEqualTo(fromFile);
        }
        assertThat(fromFile).hasSize(90);
        assertThat(spoolFiles()).isZero();
        // failures clean up too
        assertThatThrownBy(() -> spooling.open(VideoInput.of(new byte[] {1, 2, 3, 4}), DecodeOptions.DEFAULTS))
                .isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> spooling.open(VideoInput.of(new ByteArrayInputStream(bytes)),
                DecodeOptions.DEFAULTS.withLimits(Limits.DEFAULTS.withMaxBytes(1000)))).isInstanceOf(VideoException.class);
        assertThat(spoolFiles()).isZero();
    }

    @Test
    void emptyInputs() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        assertThat(codeOf(VideoInput.of(empty), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.EMPTY_INPUT);
        assertThat(codeOf(VideoInput.of(new byte[0]), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.EMPTY_INPUT);
        assertThat(codeOf(VideoInput.of(new ByteArrayInputStream(new byte[0])), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.EMPTY_INPUT);
    }

    @Test
    void garbageIsUnsupported() {
        byte[] junk = new byte[200_000];
        new Random(42).nextBytes(junk);
        assertThat(codeOf(VideoInput.of(junk), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThat(codeOf(VideoInput.of("hello, I am not a video\n".repeat(100).getBytes()), DecodeOptions.DEFAULTS))
                .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThat(codeOf(VideoInput.of(dir.resolve("missing.mp4")), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void audioOnlyIsUnsupported() {
        Path wav = dir.resolve("tone.mkv");
        TestVideos.run("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", wav.toString());
        assertThat(codeOf(VideoInput.of(wav), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void playlistsAndConcatScriptsPointingAtRealVideosAreRefused() throws Exception {
        // Both would make FFmpeg open small.mp4 (a "file" it is allowed to read) on the input's behalf.
        Path target = Files.copy(mp4, dir.resolve("referenced.mp4"));
        Path ts = dir.resolve("segment.ts");
        TestVideos.run("-i", mp4.toString(), "-c", "copy", "-f", "mpegts", ts.toString());
        String hls = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:3.0,\n"
                + ts.toAbsolutePath() + "\n#EXT-X-ENDLIST\n";
        Path m3u8 = Files.writeString(dir.resolve("list.m3u8"), hls);
        // a relative name, so the concat demuxer's own "safe" check would let it through
        Path concat = Files.writeString(dir.resolve("list.ffconcat"),
                "ffconcat version 1.0\nfile '" + target.getFileName() + "'\n");
        // sanity: FFmpeg left to itself (file protocol only) would follow both
        assertThat(TestVideos.probe("-protocol_whitelist", "file", "-show_entries", "format=format_name", "-of", "csv=p=0",
                m3u8.toString())).contains("hls");
        assertThat(TestVideos.probe("-protocol_whitelist", "file", "-show_entries", "format=format_name", "-of", "csv=p=0",
                concat.toString())).contains("concat");
        assertThat(codeOf(VideoInput.of(m3u8), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThat(codeOf(VideoInput.of(Files.readAllBytes(m3u8)), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThat(codeOf(VideoInput.of(concat), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThat(codeOf(VideoInput.of(Files.readAllBytes(concat)), DecodeOptions.DEFAULTS)).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        // the referenced files themselves are fine: the refusal is about indirection, not content
        try (FrameSource s = DECODER.open(VideoInput.of(ts), DecodeOptions.DEFAULTS)) {
            assertThat(s.info().container()).isEqualTo("mpegts");
            assertThat(s.next()).isNotNull();
        }
        // the message names the problem in one line
        VideoException e = catchThrowableOfType(VideoException.class, () -> DECODER.open(VideoInput.of(m3u8), DecodeOptions.DEFAULTS));
        assertThat(e.getMessage()).contains("container");
    }

    @Test
    void limitsAreCheckedUpFront() {
        DecodeOptions d = DecodeOptions.DEFAULTS;
        assertThat(codeOf(VideoInput.of(mp4), d.withLimits(Limits.DEFAULTS.withMaxBytes(1000)))).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(codeOf(VideoInput.of(new byte[5000]), d.withLimits(Limits.DEFAULTS.withMaxBytes(1000)))).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(codeOf(VideoInput.of(longer), d.withLimits(Limits.DEFAULTS.withMaxDurationS(10)))).isEqualTo(ErrorCode.TOO_LONG);
        assertThat(codeOf(VideoInput.of(mp4), d.withLimits(Limits.DEFAULTS.withMaxPixels(320 * 240 - 1)))).isEqualTo(ErrorCode.TOO_MANY_PIXELS);
    }

    @Test
    void streamsAreCutOffAtTheSizeLimitWithoutReadingEverything() {
        AtomicInteger read = new AtomicInteger();
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                read.addAndGet(len);
                return len;
            }
        };
        assertThat(codeOf(VideoInput.of(endless), DecodeOptions.DEFAULTS.withLimits(Limits.DEFAULTS.withMaxBytes(1 << 20))))
                .isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(read.get()).isLessThan(2 << 20);
    }

    @Test
    void truncatedFileGivesTheFramesBeforeTheCut() throws Exception {
        byte[] all = Files.readAllBytes(longer);
        byte[] half = Arrays.copyOf(all, all.length / 2);
        List<Double> pts = new ArrayList<>();
        try (FrameSource s = DECODER.open(VideoInput.of(half), DecodeOptions.DEFAULTS)) {
            Frame f;
            while ((f = s.next()) != null) {
                pts.add(f.ptsSeconds());
            }
        }
        assertThat(pts).isSorted();
        assertThat(pts.size()).isBetween(200, 560);
        // a faststart mp4 cut in the middle keeps its index: frames before the cut still come out
        byte[] mp4Bytes = Files.readAllBytes(mp4);
        try (FrameSource s = DECODER.open(VideoInput.of(Arrays.copyOf(mp4Bytes, mp4Bytes.length * 2 / 3)), DecodeOptions.DEFAULTS)) {
            int n = 0;
            while (s.next() != null) {
                n++;
            }
            assertThat(n).isBetween(20, 89);
        }
    }

    @Test
    void intactContainerWithUndecodablePacketsFailsInOpen() throws Exception {
        // every byte of every video packet scrambled, container and codec headers intact
        Path noisy = dir.resolve("noisy.mkv");
        TestVideos.run("-i", mp4.toString(), "-c", "copy", "-bsf:v", "noise=amount=1", noisy.toString());
        VideoException e = catchThrowableOfType(VideoException.class, () -> DECODER.open(VideoInput.of(noisy), DecodeOptions.DEFAULTS));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.NO_DECODABLE_FRAMES);
        // no packets at all
        Path dropped = dir.resolve("dropped.mkv");
        TestVideos.run("-i", mp4.toString(), "-c", "copy", "-bsf:v", "noise=drop=1", dropped.toString());
        assertThat(codeOf(VideoInput.of(dropped), DecodeOptions.DEFAULTS)).isIn(ErrorCode.NO_DECODABLE_FRAMES, ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void timeout() {
        DecodeOptions tiny = DecodeOptions.DEFAULTS.withLimits(Limits.DEFAULTS.withDecodeTimeout(Duration.ofMillis(1)));
        assertThat(codeOf(VideoInput.of(longer), tiny)).isEqualTo(ErrorCode.TIMEOUT);
    }

    @Test
    void timeoutWhileDecoding() throws Exception {
        DecodeOptions shortish = DecodeOptions.DEFAULTS.withLimits(Limits.DEFAULTS.withDecodeTimeout(Duration.ofMillis(400)));
        try (FrameSource s = DECODER.open(VideoInput.of(longer), shortish)) {
            VideoException e = catchThrowableOfType(VideoException.class, () -> {
                while (s.next() != null) {
                    Thread.sleep(5);
                }
            });
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        }
    }

    @Test
    void cancellation() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        DecodeOptions opts = DecodeOptions.DEFAULTS.withCancelled(() -> polls.incrementAndGet() > 200);
        try (FrameSource s = DECODER.open(VideoInput.of(longer), opts)) {
            VideoException e = catchThrowableOfType(VideoException.class, () -> {
                while (s.next() != null) {
                    // keep going
                }
            });
            assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED);
            assertThatThrownBy(() -> s.capture(1.0, 0)).isInstanceOf(VideoException.class)
                    .extracting(x -> ((VideoException) x).code()).isEqualTo(ErrorCode.CANCELLED);
            assertThatThrownBy(() -> s.seek(1.0, DecodeMode.KEYFRAMES_ONLY)).isInstanceOf(VideoException.class);
        }
        assertThat(codeOf(VideoInput.of(mp4), DecodeOptions.DEFAULTS.withCancelled(() -> true))).isEqualTo(ErrorCode.CANCELLED);
    }

    @Test
    void closeIsIdempotentAndReleasesEverything() throws Exception {
        long before = FfmpegFrameSource.openSources();
        FrameSource s = DECODER.open(VideoInput.of(mp4), DecodeOptions.DEFAULTS);
        assertThat(FfmpegFrameSource.openSources()).isEqualTo(before + 1);
        s.next();
        s.close();
        s.close();
        assertThat(FfmpegFrameSource.openSources()).isEqualTo(before);
        assertThatThrownBy(s::next).isInstanceOf(IllegalStateException.class);
        // failed opens release too
        codeOf(VideoInput.of(new byte[] {0, 0, 0, 1}), DecodeOptions.DEFAULTS);
        assertThat(FfmpegFrameSource.openSources()).isEqualTo(before);
    }

    @Test
    void concurrentSourcesFromOneDecoder() throws Exception {
        List<String> reference;
        try (FrameSource s = DECODER.open(VideoInput.of(mp4), DecodeOptions.DEFAULTS)) {
            reference = digests(s);
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try (FrameSource s = DECODER.open(VideoInput.of(mp4), DecodeOptions.DEFAULTS)) {
                    assertThat(digests(s)).isEqualTo(reference);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
    }
}
