package dev.videoclass.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PhoneEncodingTest {

    @ParameterizedTest
    @EnumSource(PhoneEncoding.class)
    void wireNamesRoundTrip(PhoneEncoding e) {
        assertThat(PhoneEncoding.parse(e.id())).isSameAs(e);
        assertThat(PhoneEncoding.parse(" " + e.id().toUpperCase() + " ")).isSameAs(e);
    }

    @Test
    void wireNamesAndContainers() {
        assertThat(PhoneEncoding.H264_BT709.id()).isEqualTo("h264-bt709");
        assertThat(PhoneEncoding.H264_BT601.id()).isEqualTo("h264-bt601");
        assertThat(PhoneEncoding.HEVC_BT709.id()).isEqualTo("hevc-bt709");
        assertThat(PhoneEncoding.HEVC_BT601.id()).isEqualTo("hevc-bt601");
        assertThat(PhoneEncoding.H264_BT601.extension()).isEqualTo(".mp4");
        assertThat(PhoneEncoding.HEVC_BT601.extension()).isEqualTo(".mov");
        assertThat(PhoneEncoding.HEVC_BT709.codecName()).isEqualTo("hevc");
        assertThat(PhoneEncoding.H264_BT601.colourTag()).isEqualTo("smpte170m");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> PhoneEncoding.parse("vp9-bt709"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vp9-bt709")
                .hasMessageContaining("h264-bt709, h264-bt601, hevc-bt709, hevc-bt601");
        assertThatThrownBy(() -> PhoneEncoding.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ffmpegArguments() {
        assertThat(String.join(" ", PhoneEncoding.H264_BT709.ffmpegArguments())).isEqualTo(
                "-vf scale=out_color_matrix=bt709:out_range=tv,format=yuv420p"
                        + ",setparams=range=tv:colorspace=bt709:color_primaries=bt709:color_trc=bt709"
                        + " -c:v libx264 -preset medium -crf 18 -profile:v high"
                        + " -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -f mp4");
        assertThat(String.join(" ", PhoneEncoding.HEVC_BT601.ffmpegArguments())).isEqualTo(
                "-vf scale=out_color_matrix=bt601:out_range=tv,format=yuv420p"
                        + ",setparams=range=tv:colorspace=smpte170m:color_primaries=smpte170m:color_trc=smpte170m"
                        + " -c:v libx265 -preset medium -crf 20 -tag:v hvc1 -x265-params log-level=error"
                        + " -colorspace smpte170m -color_primaries smpte170m -color_trc smpte170m -color_range tv -f mov");
        List<String> a = PhoneEncoding.H264_BT601.ffmpegArguments();
        a.clear(); // a fresh copy
        assertThat(PhoneEncoding.H264_BT601.ffmpegArguments()).isNotEmpty();
    }
}
