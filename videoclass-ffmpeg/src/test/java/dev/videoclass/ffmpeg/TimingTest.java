package dev.videoclass.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.ffmpeg.testing.TestVideos.Codec;
import dev.videoclass.ffmpeg.testing.TestVideos.Segment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timestamps (VFR), keyframe-only decoding, seeking and capture. */
class TimingTest {
    @TempDir
    static Path dir;
    static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();

    static TestVideos.Builder vfrSpec;
    static Path vfr;
    static TestVideos.Builder h264Spec;
    static Path h264Fixed;
    static Path h264Scenecut;
    static Path hevcScenecut;
    static Path hevcFixed;

    @BeforeAll
    static void writeVideos() {
        vfrSpec = TestVideos.video().size(320, 240).vfr().codec(Codec.H264_MKV)
                .segment(Segment.of(TestVideos.PALETTE[0], 1.0).at(10))
                .segment(Segment.of(TestVideos.PALETTE[1], 1.0).at(30))
                .segment(Segment.of(TestVideos.PALETTE[2], 1.0).at(15));
        vfr = vfrSpec.writeTo(dir.resolve("vfr.mkv"));
        // 4 segments of 1.5 s, key frames every 30 frames exactly, no extra ones at cuts
        h264Spec = TestVideos.video().size(320, 240).fps(30).segments(4, 1.5).codec(Codec.H264_MP4)
                .gop(30).keyintMin(30).scenecut(false);
        h264Fixed = h264Spec.writeTo(dir.resolve("fixed.mp4"));
        h264Scenecut = TestVideos.video().size(320, 240).fps(30).segments(4, 1.5).codec(Codec.H264_MP4)
                .gop(60).keyintMin(5).writeTo(dir.resolve("scenecut.mp4"));
        hevcScenecut = TestVideos.video().size(320, 240).fps(30).segments(4, 1.5).codec(Codec.HEVC_MOV)
                .gop(60).keyintMin(5).writeTo(dir.resolve("scenecut.mov"));
        hevcFixed = TestVideos.video().size(320, 240).fps(30).segments(4, 1.5).codec(Codec.HEVC_MOV)
                .gop(30).keyintMin(30).scenecut(false).writeTo(dir.resolve("fixed.mov"));
    }

    static List<Double> readAll(FrameSource src) throws Exception {
        List<Double> pts = new ArrayList<>();
        Frame f;
        while ((f = src.next()) != null) {
            pts.add(f.ptsSeconds());
        }
        return pts;
    }

    @Test
    void variableFrameRateTimestampsFollowTheSchedule() throws Exception {
        List<Double> expected = vfrSpec.expectedFrameTimes();
        try (FrameSource src = DECODER.open(VideoInput.of(vfr), DecodeOptions.DEFAULTS)) {
            List<Double> pts = readAll(src);
            assertThat(pts).hasSize(expected.size());
            for (int i = 0; i < pts.size(); i++) {
                assertThat(pts.get(i)).as("frame %d", i).isCloseTo(expected.get(i), within(0.0015));
            }
        }
    }

    @Test
    void keyframeModeOnH264ReturnsExactlyTheEncodedGop() throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(h264Fixed), DecodeOptions.DEFAULTS)) {
            src.seek(0, DecodeMode.KEYFRAMES_ONLY);
            List<Double> pts = readAll(src);
            assertThat(pts).hasSize(6);
            for (int i = 0; i < pts.size(); i++) {
                assertThat(pts.get(i)).isCloseTo(i * 1.0, within(0.002));
            }
            assertThat(src.framesDecoded()).isLessThan(20); // 1 probe frame + key frames only
        }
    }

    @Test
    void keyframeModeMatchesTheKeyPacketsWithScenecutKeyframes() throws Exception {
        for (Path p : List.of(h264Scenecut, hevcScenecut, hevcFixed)) {
            List<Double> oracle = TestVideos.keyPacketTimes(p);
            try (FrameSource src = DECODER.open(VideoInput.of(p), DecodeOptions.DEFAULTS)) {
                src.seek(0, DecodeMode.KEYFRAMES_ONLY);
                List<Double> pts = readAll(src);
                assertThat(pts).as("%s", p.getFileName()).isSorted().hasSameSizeAs(oracle);
                for (int i = 0; i < pts.size(); i++) {
                    assertThat(pts.get(i)).as("%s key %d", p.getFileName(), i).isCloseTo(oracle.get(i), within(0.002));
                }
            }
        }
        // the scenecut files got key frames at cuts (the reason keyframe-first sampling works), not only every 2 s
        for (Path p : List.of(h264Scenecut, hevcScenecut)) {
            assertThat(TestVideos.keyPacketTimes(p)).as("%s", p.getFileName())
                    .anySatisfy(t -> assertThat(List.of(1.5, 3.0, 4.5)).anySatisfy(cut -> assertThat(t).isCloseTo(cut, within(0.002))));
        }
    }

    @Test
    void keyframeFramesShowTheRightSegment() throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(h264Fixed), DecodeOptions.DEFAULTS)) {
            src.seek(0, DecodeMode.KEYFRAMES_ONLY);
            Frame f;
            while ((f = src.next()) != null) {
                assertThat(Pixels.nearestPaletteColour(f)).isEqualTo(h264Spec.colourAt(f.ptsSeconds()));
            }
        }
    }

    @Test
    void seekRestartsAtTheKeyFrameBeforeThePosition() throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(h264Fixed), DecodeOptions.DEFAULTS)) {
            src.seek(3.4, DecodeMode.ALL_FRAMES);
            Frame f = src.next();
            assertThat(f.ptsSeconds()).isCloseTo(3.0, within(0.002));
            Frame g = src.next();
            assertThat(g.ptsSeconds()).isCloseTo(3.0 + 1 / 30.0, within(0.002));
            // switch to keyframes from 2.5 s: 2, 3, 4, 5
            src.seek(2.5, DecodeMode.KEYFRAMES_ONLY);
            assertThat(readAll(src)).hasSize(4).first().satisfies(t -> assertThat(t).isCloseTo(2.0, within(0.002)));
            // and back to every frame from the start
            src.seek(0, DecodeMode.ALL_FRAMES);
            assertThat(readAll(src)).hasSize(180);
        }
    }

    @Test
    void captureReturnsTheFrameShownAtThePositionWithItsExactPts() throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(h264Fixed), DecodeOptions.DEFAULTS)) {
            for (double t : new double[] {0.0, 1.0, 1.49, 1.51, 2.2, 3.0, 4.7, 5.9}) {
                Frame c = src.capture(t, 0);
                assertThat(c.width()).isEqualTo(320);
                assertThat(c.height()).isEqualTo(240);
                double framePts = Math.floor(t * 30 + 0.5) / 30.0; // nearest frame within half a frame
                assertThat(c.ptsSeconds()).as("capture at %s", t).isCloseTo(framePts, within(0.002));
                assertThat(Pixels.nearestPaletteColour(c)).as("colour at %s", t).isEqualTo(h264Spec.colourAt(c.ptsSeconds()));
            }
            // between frames: the last frame not after the position
            Frame c = src.capture(1.0 + 1 / 30.0 * 0.3, 0);
            assertThat(c.ptsSeconds()).isCloseTo(1.0, within(0.002));
            // capture then keep reading analysis frames in keyframe mode
            src.seek(0, DecodeMode.KEYFRAMES_ONLY);
            assertThat(src.next().ptsSeconds()).isCloseTo(0.0, within(0.002));
            Frame k = src.capture(4.0, 100);
            assertThat(Math.max(k.width(), k.height())).isEqualTo(100);
            assertThat(k.ptsSeconds()).isCloseTo(4.0, within(0.002));
        }
    }

    @Test
    void captureOnHevcOpenGop() throws Exception {
        try (FrameSource src = DECODER.open(VideoInput.of(hevcFixed), DecodeOptions.DEFAULTS)) {
            for (double t : new double[] {0.5, 1.0, 2.9, 4.5, 5.0}) {
                Frame c = src.capture(t, 0);
                assertThat(c.ptsSeconds()).isCloseTo(t, within(0.002));
                assertThat(Pixels.nearestPaletteColour(c)).isEqualTo(TestVideos.PALETTE[(int) (t / 1.5)]);
            }
        }
    }
}
