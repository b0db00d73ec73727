package dev.videoclass.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.PacketInfo;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.testing.CodecSamples;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.ffmpeg.testing.TestVideos.Codec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The packet log of {@link dev.videoclass.ffmpeg.internal.FfmpegFrameSource#packetsRead()} against ffprobe's view of the same file. */
class PacketsReadTest {
    @TempDir
    static Path dir;
    static Map<Codec, Path> FILES;
    static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();

    @BeforeAll
    static void writeVideos() {
        FILES = CodecSamples.files(); // the MKV has audio and subtitles: their packets must not be logged
    }

    /** The video packets as ffprobe lists them, in file (decode) order, pts relative to the stream start. */
    static List<PacketInfo> probePackets(Path file) {
        double start = TestVideos.streamStartTime(file);
        String out = TestVideos.probe("-select_streams", "v:0", "-show_entries", "packet=pts_time,size,flags",
                "-of", "csv=p=0", file.toString());
        List<PacketInfo> list = new ArrayList<>();
        for (String line : out.split("\\R")) {
            String[] f = line.trim().split(",");
            if (f.length < 3) {
                continue;
            }
            double pts = f[0].equals("N/A") ? Double.NaN : Double.parseDouble(f[0]) - start;
            list.add(new PacketInfo(pts, Integer.parseInt(f[1]), f[2].contains("K")));
        }
        return list;
    }

    static void drain(FrameSource src) throws Exception {
        while (src.next() != null) {
            // read to the end
        }
    }

    static void assertSamePackets(List<PacketInfo> actual, List<PacketInfo> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            PacketInfo a = actual.get(i);
            PacketInfo e = expected.get(i);
            assertThat(a.sizeBytes()).as("size of packet %d", i).isEqualTo(e.sizeBytes());
            assertThat(a.key()).as("key flag of packet %d", i).isEqualTo(e.key());
            if (Double.isNaN(e.ptsS())) {
                assertThat(a.ptsS()).as("pts of packet %d", i).isNaN();
            } else {
                assertThat(a.ptsS()).as("pts of packet %d", i).isCloseTo(e.ptsS(), within(1e-4));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aKeyframeOnlyPassLogsEveryPacketOnceInDecodeOrder(Codec c) throws Exception {
        Path file = FILES.get(c);
        List<PacketInfo> expected = probePackets(file);
        try (FrameSource src = DECODER.open(VideoInput.of(file), DecodeOptions.DEFAULTS)) {
            src.seek(0, DecodeMode.KEYFRAMES_ONLY);
            drain(src);
            List<PacketInfo> packets = src.packetsRead();
            assertSamePackets(packets, expected);
            List<Double> keyTimes = packets.stream().filter(PacketInfo::key).map(PacketInfo::ptsS).sorted().toList();
            List<Double> oracle = TestVideos.keyPacketTimes(file);
            assertThat(keyTimes).hasSameSizeAs(oracle);
            for (int i = 0; i < oracle.size(); i++) {
                assertThat(keyTimes.get(i)).isCloseTo(oracle.get(i), within(1e-4));
            }
            // reading everything again, all frames and a capture, adds nothing
            src.seek(0, DecodeMode.ALL_FRAMES);
            drain(src);
            src.capture(1.5, 0);
            assertSamePackets(src.packetsRead(), expected);
        }
    }

    /**
     * The demux pass lists what a keyframe pass lists without decoding a frame, and each key frame
     * decoded alone by {@code keyframe(pts)} has exactly the pixels the keyframe pass gives it, in any
     * order of access.
     */
    @ParameterizedTest
    @EnumSource(Codec.class)
    void aDemuxPassListsEveryPacketAndSingleKeyFramesMatchTheKeyframePass(Codec c) throws Exception {
        Path file = FILES.get(c);
        List<PacketInfo> expected = probePackets(file);
        List<Frame> pass = new ArrayList<>();
        try (FrameSource src = DECODER.open(VideoInput.of(file), DecodeOptions.DEFAULTS)) {
            src.seek(0, DecodeMode.KEYFRAMES_ONLY);
            Frame f;
            while ((f = src.next()) != null) {
                pass.add(new Frame(f.width(), f.height(), f.rgb().clone(), f.ptsSeconds(), true));
            }
        }
        assertThat(pass).isNotEmpty();
        try (FrameSource src = DECODER.open(VideoInput.of(file), DecodeOptions.DEFAULTS)) {
            long before = src.framesDecoded();
            assertThat(src.scanPackets(0.5)).isTrue();
            List<PacketInfo> prefix = src.packetsRead();
            assertThat(prefix).hasSizeLessThan(expected.size());
            assertThat(prefix.stream().filter(p -> p.ptsS() > 0.5)).hasSizeLessThanOrEqualTo(8); // read ahead stops soon after
            assertThat(src.scanPackets(Double.POSITIVE_INFINITY)).isTrue();
            assertThat(src.framesDecoded()).isEqualTo(before);
            // the decoder is behind the demuxer now: reading on without a seek is refused
            assertThatThrownBy(src::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("seek");
            assertSamePackets(src.packetsRead(), expected);
            for (int i = pass.size() - 1; i >= 0; i--) { // backwards: every access is a seek
                Frame want = pass.get(i);
                Frame got = src.keyframe(want.ptsSeconds());
                assertThat(got).as("key frame at %s s", want.ptsSeconds()).isNotNull();
                assertThat(got.ptsSeconds()).isCloseTo(want.ptsSeconds(), within(1e-6));
                assertThat(got.rgb()).as("pixels of the key frame at %s s", want.ptsSeconds()).isEqualTo(want.rgb());
            }
            // between two key frames there is none to decode
            if (pass.size() > 1) {
                assertThat(src.keyframe((pass.get(0).ptsSeconds() + pass.get(1).ptsSeconds()) / 2)).isNull();
            }
            // the source still reads every frame after a seek
            src.seek(0, DecodeMode.ALL_FRAMES);
            int frames = 0;
            while (src.next() != null) {
                frames++;
            }
            assertThat(frames).isGreaterThan(pass.size());
        }
    }

    @Test
    void aStretchSkippedBySeekingIsFilledInInDecodeOrder() throws Exception {
        Path file = FILES.get(Codec.H264_MP4);
        List<PacketInfo> expected = probePackets(file);
        try (FrameSource src = DECODER.open(VideoInput.of(file), DecodeOptions.DEFAULTS)) {
            List<PacketInfo> atOpen = src.packetsRead();
            assertThat(atOpen).isNotEmpty().hasSizeLessThan(expected.size());
            src.seek(2.0, DecodeMode.ALL_FRAMES);
            drain(src);
            List<PacketInfo> tail = src.packetsRead();
            assertThat(tail.size()).isLessThan(expected.size());
            src.seek(0, DecodeMode.KEYFRAMES_ONLY);
            drain(src);
            assertSamePackets(src.packetsRead(), expected);
            // snapshots do not change afterwards
            assertThat(atOpen).hasSizeLessThan(tail.size());
        }
    }

    @Test
    void packetCountMatchesFfprobeOnALongerHevcFile() throws Exception {
        Path file = TestVideos.video().size(320, 240).segments(4, 1.5).codec(Codec.HEVC_MOV)
                .writeTo(dir.resolve("longer.mov"));
        String count = TestVideos.probe("-select_streams", "v:0", "-count_packets", "-show_entries",
                "stream=nb_read_packets", "-of", "csv=p=0", file.toString()).trim();
        try (FrameSource src = DECODER.open(VideoInput.of(file), DecodeOptions.DEFAULTS)) {
            src.seek(0, DecodeMode.KEYFRAMES_ONLY);
            drain(src);
            assertThat(src.packetsRead()).hasSize(Integer.parseInt(count));
            assertThat(src.packetsRead().stream().filter(PacketInfo::key).map(PacketInfo::ptsS).sorted().toList())
                    .hasSameSizeAs(TestVideos.keyPacketTimes(file));
        }
    }
}
