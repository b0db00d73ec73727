package dev.videoclass.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.VideoInfo;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.testing.TestVideos;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Display-matrix rotation and sample aspect ratio: probe sizes and upright captures. */
class GeometryTest {
    @TempDir
    static Path dir;
    static final Map<Integer, Path> ROTATED = new HashMap<>();
    static Path anamorphic;
    static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();

    @BeforeAll
    static void writeVideos() {
        for (int ccw : new int[] {0, 90, 180, 270}) {
            ROTATED.put(ccw, TestVideos.video().size(320, 240).asymmetric(1.0).codec(TestVideos.Codec.H264_MP4)
                    .displayRotation(ccw).writeTo(dir.resolve("rot" + ccw + ".mp4")));
        }
        anamorphic = TestVideos.video().size(320, 240).asymmetric(1.0).sar(2, 1).codec(TestVideos.Codec.H264_MP4)
                .writeTo(dir.resolve("sar.mp4"));
    }

    /** ffmpeg's -display_rotation is counter-clockwise; frames must be turned clockwise by the rest. */
    @ParameterizedTest
    @ValueSource(ints = {0, 90, 180, 270})
    void rotationIsReportedAndCapturesAreUpright(int ccw) throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(ROTATED.get(ccw)), DecodeOptions.DEFAULTS)) {
            VideoInfo info = src.info();
            assertThat(info.rotation()).isEqualTo((360 - ccw) % 360);
            boolean quarter = ccw == 90 || ccw == 270;
            assertThat(info.width()).isEqualTo(quarter ? 240 : 320);
            assertThat(info.height()).isEqualTo(quarter ? 320 : 240);
            assertThat(info.codedWidth()).isEqualTo(320);

            Frame analysis = src.next();
            assertThat(analysis.width()).isEqualTo(256);
            assertThat(analysis.height()).isEqualTo(192); // analysis frames are not rotated

            Frame up = src.capture(0.5, 0);
            assertThat(up.width()).isEqualTo(info.width());
            assertThat(up.height()).isEqualTo(info.height());
            // where the red (top of the coded picture) lands after display rotation
            int w = up.width();
            int h = up.height();
            double[] top = Pixels.mean(up, 0, 0, w, h / 4);
            double[] bottom = Pixels.mean(up, 0, h * 3 / 4, w, h);
            double[] left = Pixels.mean(up, 0, 0, w / 4, h);
            double[] right = Pixels.mean(up, w * 3 / 4, 0, w, h);
            switch (ccw) {
                case 0 -> assertThat(Pixels.isRed(top) && Pixels.isBlue(bottom)).as("red top, blue bottom").isTrue();
                case 90 -> assertThat(Pixels.isRed(left) && Pixels.isBlue(right)).as("red left, blue right").isTrue();
                case 180 -> assertThat(Pixels.isBlue(top) && Pixels.isRed(bottom)).as("blue top, red bottom").isTrue();
                case 270 -> assertThat(Pixels.isBlue(left) && Pixels.isRed(right)).as("blue left, red right").isTrue();
                default -> throw new AssertionError();
            }
            // and it is what FFmpeg itself shows (autorotate)
            byte[] ref = TestVideos.referenceFrame(ROTATED.get(ccw), 0.5);
            assertThat(ref.length).isEqualTo(w * h * 3);
            Frame refFrame = new Frame(w, h, ref, 0);
            assertThat(Pixels.isRed(Pixels.mean(refFrame, 0, 0, w / 4, h))).isEqualTo(Pixels.isRed(left));
            assertThat(Pixels.isRed(Pixels.mean(refFrame, 0, 0, w, h / 4))).isEqualTo(Pixels.isRed(top));
        }
    }

    @Test
    void captureCapsTheLongSide() throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(ROTATED.get(90)), DecodeOptions.DEFAULTS)) {
            Frame f = src.capture(0.2, 160);
            assertThat(f.height()).isEqualTo(160);
            assertThat(f.width()).isEqualTo(120);
        }
    }

    @Test
    void sampleAspectRatioWidensTheDisplayWidth() throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(anamorphic), DecodeOptions.DEFAULTS)) {
            VideoInfo info = src.info();
            assertThat(info.codedWidth()).isEqualTo(320);
            assertThat(info.width()).isEqualTo(640);
            assertThat(info.height()).isEqualTo(240);
            Frame a = src.next();
            assertThat(a.width()).isEqualTo(256);
            assertThat(a.height()).isEqualTo(96); // display aspect 640:240
            Frame c = src.capture(0.5, 0);
            assertThat(c.width()).isEqualTo(640);
            assertThat(c.height()).isEqualTo(240);
            assertThat(Pixels.isRed(Pixels.mean(c, 0, 0, 640, 60))).isTrue();
            assertThat(Pixels.isBlue(Pixels.mean(c, 0, 180, 640, 240))).isTrue();
        }
    }
}
