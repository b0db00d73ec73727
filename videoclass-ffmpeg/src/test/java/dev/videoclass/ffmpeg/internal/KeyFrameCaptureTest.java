package dev.videoclass.ffmpeg.internal;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.CodecSamples;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.ffmpeg.testing.TestVideos.Codec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key frame is captured from its packet alone on the keyframe decoder; every other frame from
 * its GOP on the stream decoder. Both must give the same picture, to the byte.
 */
class KeyFrameCaptureTest {
    private static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();
    /** Captures every frame from its GOP: the path the key-packet captures are checked against. */
    private static final CaptureOptions GOP_ONLY = new CaptureOptions(false, true);

    @ParameterizedTest
    @EnumSource(value = Codec.class, names = {"H264_MP4", "HEVC_MOV", "VP9_WEBM", "MPEG4_AVI"})
    void keyPacketCaptureEqualsGopCapture(Codec codec) throws Exception {
        Path file = CodecSamples.files().get(codec);
        List<Double> keys = TestVideos.keyPacketTimes(file);
        assertThat(keys).hasSizeGreaterThan(1);
        try (FrameSource s = DECODER.open(VideoInput.of(file), DecodeOptions.DEFAULTS)) {
            FfmpegFrameSource source = (FfmpegFrameSource) s;
            source.seek(0, DecodeMode.KEYFRAMES_ONLY);
            while (source.next() != null) {
                // the keyframe pass logs the key packets, as sampling does
            }
            for (double t : keys) {
                Frame viaKey = source.capture(t, 0);
                Frame viaGop = source.capture(t, 0, GOP_ONLY);
                assertThat(viaKey.ptsSeconds()).as("%s at %s", codec, t).isEqualTo(viaGop.ptsSeconds());
                assertThat(viaKey.isKeyframe()).isTrue();
                assertThat(viaKey.width()).isEqualTo(viaGop.width());
                assertThat(viaKey.rgb()).as("%s at %s", codec, t).isEqualTo(viaGop.rgb());
            }
        }
    }
}
