package dev.videoclass.ffmpeg.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HDR video as phones record it (10-bit HEVC, BT.2020, HLG or PQ): captures are tone-mapped to SDR
 * BT.709. The oracle is an SDR test card mastered into each HDR format by zimg (HDR reference white
 * at 203 cd/m², BT.2408): tone-mapped back, it must come out close to the SDR original, and much
 * closer than the HDR code values converted as if they were SDR.
 */
class HdrCaptureTest {
    @TempDir
    static Path dir;
    static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();
    static Path sdr;

    @BeforeAll
    static void writeSdr() {
        sdr = dir.resolve("sdr.mp4");
        TestVideos.run("-f", "lavfi", "-i", "smptehdbars=s=640x360:r=30", "-t", "1", "-pix_fmt", "yuv420p",
                "-c:v", "libx264", "-qp", "0", "-colorspace", "bt709", "-color_primaries", "bt709",
                "-color_trc", "bt709", sdr.toString());
    }

    /** The SDR card mastered into {@code transfer} (smpte2084 or arib-std-b67), 10-bit HEVC in .mov. */
    static Path hdr(String transfer) {
        Path out = dir.resolve(transfer + ".mov");
        TestVideos.run("-i", sdr.toString(), "-vf",
                "zscale=tin=bt709:min=bt709:pin=bt709:rin=tv:t=" + transfer
                        + ":p=bt2020:m=bt2020nc:r=tv:npl=203,format=yuv420p10le",
                "-c:v", "libx265", "-x265-params", "log-level=error:lossless=1", "-tag:v", "hvc1",
                "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", "bt2020nc", out.toString());
        return out;
    }

    static Frame capture(Path video, boolean toneMapping) throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(video), DecodeOptions.DEFAULTS)) {
            return ((FfmpegFrameSource) src).capture(0.5, 0, new CaptureOptions(true, toneMapping));
        }
    }

    static double meanAbsDiff(Frame a, Frame b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        long sum = 0;
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
        }
        return (double) sum / x.length;
    }

    @ParameterizedTest
    @ValueSource(strings = {"arib-std-b67", "smpte2084"})
    void hdrCapturesAreToneMappedToTheSdrPicture(String transfer) throws Exception {
        Path video = hdr(transfer);
        Frame reference = capture(sdr, true);
        double mapped = meanAbsDiff(capture(video, true), reference);
        double raw = meanAbsDiff(capture(video, false), reference);
        assertThat(mapped).as("%s tone-mapped against the SDR original", transfer).isLessThan(8.0);
        assertThat(mapped).as("%s: tone-mapped %.2f, as if SDR %.2f", transfer, mapped, raw).isLessThan(raw / 2);
    }

    /** zimg needs whole chroma samples: a 4:2:0 picture of odd size (AV1 and VP9 allow them) loses its last column and row. */
    @Test
    void oddSizedHdrPicturesAreToneMappedToo() {
        AVFrame odd = avutil.av_frame_alloc();
        try (HdrToSdr hdr = new HdrToSdr()) {
            odd.width(641).height(361).format(avutil.AV_PIX_FMT_YUV420P10LE);
            odd.color_trc(avutil.AVCOL_TRC_ARIB_STD_B67).color_primaries(avutil.AVCOL_PRI_BT2020)
                    .colorspace(avutil.AVCOL_SPC_BT2020_NCL).color_range(avutil.AVCOL_RANGE_MPEG);
            assertThat(avutil.av_frame_get_buffer(odd, 0)).isGreaterThanOrEqualTo(0);
            for (int plane = 0; plane < 3; plane++) {
                int rows = plane == 0 ? 361 : 181;
                // mid-grey: 512 in 10 bits, little-endian
                for (int i = 0; i < odd.linesize(plane) * rows; i += 2) {
                    odd.data(plane).put(i, (byte) 0).put(i + 1, (byte) 2);
                }
            }
            AVFrame sdr = hdr.convert(odd, avutil.AVCOL_TRC_UNSPECIFIED, avutil.AVCOL_PRI_UNSPECIFIED,
                    avutil.AVCOL_SPC_UNSPECIFIED);
            assertThat(sdr).isNotNull();
            assertThat(sdr.width()).isEqualTo(640);
            assertThat(sdr.height()).isEqualTo(360);
            avutil.av_frame_unref(sdr);
        } finally {
            avutil.av_frame_free(odd);
        }
    }

    @Test
    void sdrCapturesAreNotTouched() throws Exception {
        assertThat(capture(sdr, true).rgb()).isEqualTo(capture(sdr, false).rgb());
    }
}
