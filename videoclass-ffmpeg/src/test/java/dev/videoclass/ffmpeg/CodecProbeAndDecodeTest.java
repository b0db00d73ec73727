package dev.videoclass.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.VideoInfo;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.testing.CodecSamples;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.ffmpeg.testing.TestVideos.Codec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Probe facts and full decoding for each supported codec/container pair. */
class CodecProbeAndDecodeTest {
    static Map<Codec, Path> FILES;
    static Map<Codec, TestVideos.Builder> SPECS;
    static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();

    @BeforeAll
    static void writeVideos() {
        FILES = CodecSamples.files();
        SPECS = CodecSamples.specs();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void probeReportsTheEncodedFacts(Codec c) throws Exception {
        Path file = FILES.get(c);
        try (FrameSource src = DECODER.open(VideoInput.of(file), DecodeOptions.DEFAULTS)) {
            VideoInfo info = src.info();
            assertThat(info.codec()).isEqualTo(switch (c) {
                case H264_MP4, H264_MKV -> "h264";
                case HEVC_MOV -> "hevc";
                case MPEG4_AVI -> "mpeg4";
                case VP9_WEBM -> "vp9";
                case AV1_MKV -> "av1";
            });
            assertThat(info.container()).contains(switch (c) {
                case H264_MP4, HEVC_MOV -> "mov";
                case H264_MKV, AV1_MKV, VP9_WEBM -> "matroska";
                case MPEG4_AVI -> "avi";
            });
            assertThat(info.width()).isEqualTo(320);
            assertThat(info.height()).isEqualTo(240);
            assertThat(info.codedWidth()).isEqualTo(320);
            assertThat(info.codedHeight()).isEqualTo(240);
            assertThat(info.rotation()).isZero();
            assertThat(info.durationS()).isCloseTo(3.0, within(0.15));
            assertThat(info.frameRate()).isCloseTo(30.0, within(0.5));
            assertThat(info.frameCount()).isBetween(85L, 95L);
            assertThat(info.sizeBytes()).isEqualTo(Files.size(file));
            assertThat(info.bitRate()).isPositive();
            assertThat(info.hasAudio()).isEqualTo(c == Codec.H264_MKV);
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void decodesEveryFrameInOrderAtAnalysisSizeWithTheRightColours(Codec c) throws Exception {
        TestVideos.Builder spec = SPECS.get(c);
        List<Double> pts = new ArrayList<>();
        int wrongColour = 0;
        try (FrameSource src = DECODER.open(VideoInput.of(FILES.get(c)), DecodeOptions.DEFAULTS)) {
            Frame f;
            while ((f = src.next()) != null) {
                assertThat(f.width()).isEqualTo(DecodeOptions.DEFAULT_ANALYSIS_WIDTH);
                assertThat(f.height()).isEqualTo(192);
                pts.add(f.ptsSeconds());
                if (Pixels.nearestPaletteColour(f) != spec.colourAt(f.ptsSeconds())) {
                    wrongColour++;
                }
            }
            assertThat(src.framesDecoded()).isEqualTo(pts.size());
        }
        assertThat(pts).hasSize(spec.expectedFrameTimes().size());
        assertThat(pts.get(0)).isCloseTo(0.0, within(0.001));
        assertThat(pts).isSorted().doesNotHaveDuplicates();
        for (int i = 0; i < pts.size(); i++) {
            assertThat(pts.get(i)).isCloseTo(spec.expectedFrameTimes().get(i), within(0.002));
        }
        assertThat(wrongColour).as("frames whose colour is not their segment's").isZero();
    }

    @Test
    void analysisWidthIsHonoured() throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(FILES.get(Codec.H264_MP4)), new DecodeOptions(96, dev.videoclass.Limits.DEFAULTS, () -> false))) {
            Frame f = src.next();
            assertThat(f.width()).isEqualTo(96);
            assertThat(f.height()).isEqualTo(72);
            assertThat(f.rgb().length).isGreaterThanOrEqualTo(96 * 72 * 3);
        }
    }

    @Test
    void decoderIdNamesFfmpeg() {
        assertThat(DECODER.id()).startsWith("ffmpeg-7.1");
    }

    @Test
    void analysisFramesCarryTheKeyFrameFlagOfTheirPackets() throws Exception {
        for (Codec c : List.of(Codec.H264_MP4, Codec.HEVC_MOV)) {
            Path file = FILES.get(c);
            List<Double> keyTimes = TestVideos.keyPacketTimes(file);
            List<Double> flagged = new ArrayList<>();
            try (FrameSource s = DECODER.open(VideoInput.of(file), DecodeOptions.DEFAULTS)) {
                Frame f;
                while ((f = s.next()) != null) {
                    if (f.isKeyframe()) {
                        flagged.add(f.ptsSeconds());
                    }
                }
            }
            assertThat(flagged).as(c.name()).hasSameSizeAs(keyTimes).hasSizeGreaterThan(1);
            for (int i = 0; i < flagged.size(); i++) {
                assertThat(flagged.get(i)).as(c.name()).isCloseTo(keyTimes.get(i), within(1e-3));
            }
        }
    }
}
