package dev.videoclass.examples;

import dev.videoclass.VerdictStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoclass.Frame;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.Limits;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.image.Images;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The whole pipeline on real FFmpeg-decoded videos that the test writes itself. */
class ClassifyEndToEndTest {
    @TempDir
    static Path dir;
    static Path cuts;
    static TestVideos.Builder cutsSpec;
    static Path rotated;
    static Path mkv;
    static Path vfr;
    static TestVideos.Builder vfrSpec;
    static Path hevc;
    static TestVideos.Builder hevcSpec;
    static VideoClassifier classifier;

    @BeforeAll
    static void writeVideos() {
        cutsSpec = TestVideos.video().size(320, 240).fps(30).segments(4, 1.5);
        cuts = cutsSpec.writeTo(dir.resolve("cuts.mp4"));
        rotated = TestVideos.video().size(320, 240).asymmetric(2.0).codec(TestVideos.Codec.HEVC_MOV)
                .displayRotation(90).writeTo(dir.resolve("portrait.mov"));
        mkv = TestVideos.video().size(320, 240).segments(3, 1.0).codec(TestVideos.Codec.H264_MKV)
                .audio().subtitles().writeTo(dir.resolve("subs.mkv"));
        vfrSpec = TestVideos.video().size(320, 240)
                .segment(TestVideos.Segment.of(TestVideos.PALETTE[0], 1.0).at(10))
                .segment(TestVideos.Segment.of(TestVideos.PALETTE[3], 1.0).at(30))
                .segment(TestVideos.Segment.of(TestVideos.PALETTE[6], 1.0).at(15)).vfr();
        vfr = vfrSpec.writeTo(dir.resolve("vfr.mkv"));
        hevcSpec = TestVideos.video().size(640, 360).segments(5, 1.2).codec(TestVideos.Codec.HEVC_MOV);
        hevc = hevcSpec.writeTo(dir.resolve("cuts-hevc.mov"));
        classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    static VideoClassifier with(SamplingPolicy policy) {
        return VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).policy(policy).build();
    }

    static List<Double> cutTimes(SamplingResult r) {
        return r.cuts().stream().map(SceneCut::ptsS).toList();
    }

    @Test
    void exactModeFindsEveryCutWithinOneFrame() throws Exception {
        SamplingResult r = with(SamplingPolicy.DEFAULTS.withMode(SamplerMode.EXACT)).scenes(VideoInput.of(cuts));
        assertThat(r.sampler()).isEqualTo("exact");
        List<Double> expected = cutsSpec.cuts();
        assertThat(cutTimes(r)).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(cutTimes(r).get(i)).isCloseTo(expected.get(i), within(1.0 / 30 + 1e-3));
        }
        assertThat(r.keyframes()).hasSize(expected.size() + 1);
    }

    @Test
    void autoModeMatchesExactOnHevcWithKeyframesAtCutsAndDecodesFarLess() throws Exception {
        SamplingResult exact = with(SamplingPolicy.DEFAULTS.withMode(SamplerMode.EXACT)).scenes(VideoInput.of(hevc));
        SamplingResult auto = with(SamplingPolicy.DEFAULTS).scenes(VideoInput.of(hevc));
        assertThat(auto.sampler()).startsWith("auto:");
        assertThat(cutTimes(auto)).hasSameSizeAs(cutTimes(exact));
        for (int i = 0; i < cutTimes(exact).size(); i++) {
            assertThat(cutTimes(auto).get(i)).isCloseTo(cutTimes(exact).get(i), within(0.12));
        }
        assertThat(auto.framesAnalysed()).isLessThan(exact.framesAnalysed() / 3);
    }

    @Test
    void classifiesAVideoIntoTheContractedVerdict() throws Exception {
        Verdict v = classifier.classify(cuts);
        assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
        assertThat(v.isExplicit()).isNotNull();
        assertThat(v.qualityScore()).isBetween(0.0, 1.0);
        assertThat(v.inferences()).isEqualTo(v.keyframes().size()).isBetween(1, 8);
        assertThat(v.durationS()).isCloseTo(6.0, within(0.1));
        assertThat(v.scorer().id()).isEqualTo("heuristic-v1");
        // every keyframe lies inside the video and in a distinct scene
        List<Double> bounds = new ArrayList<>(cutsSpec.cuts());
        assertThat(v.keyframes()).extracting(KeyframeVerdict::ptsS).allSatisfy(t -> assertThat(t).isBetween(0.0, 6.0));
        assertThat(v.keyframes().stream().map(k -> (int) bounds.stream().filter(b -> b <= k.ptsS() + 1e-6).count())
                .distinct().count()).isEqualTo(v.keyframes().size());
        var poster = ImageIO.read(new ByteArrayInputStream(v.posterJpeg()));
        assertThat(poster.getWidth()).isEqualTo(320).isEqualTo(v.posterWidth());
        assertThat(poster.getHeight()).isEqualTo(240);
        JsonNode json = VerdictJson.reader().readTree(VerdictJson.toJson(v));
        assertThat(json.get("video").get("codec").asText()).isEqualTo("h264");
    }

    @Test
    void rotatedPhoneVideoGivesAnUprightPosterAndPortraitSize() throws Exception {
        Verdict v = classifier.classify(rotated);
        assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
        assertThat(v.video().rotation()).isIn(90, 270);
        assertThat(v.video().width()).isEqualTo(240);
        assertThat(v.video().height()).isEqualTo(320);
        Frame poster = Images.decode(v.posterJpeg(), Long.MAX_VALUE);
        assertThat(poster.width()).isEqualTo(240);
        assertThat(poster.height()).isEqualTo(320);
        byte[] reference = TestVideos.referenceFrame(rotated, v.keyframes().get(0).ptsS());
        Frame ref = new Frame(240, 320, reference, 0);
        // the poster's halves carry the same colours as FFmpeg's own upright rendering
        for (boolean left : new boolean[]{true, false}) {
            int[] p = meanHalf(poster, left);
            int[] r = meanHalf(ref, left);
            for (int c = 0; c < 3; c++) {
                assertThat(p[c]).as("channel %d of %s half", c, left ? "left" : "right").isCloseTo(r[c], within(20));
            }
        }
        assertThat(meanHalf(ref, true)).isNotEqualTo(meanHalf(ref, false));
    }

    private static int[] meanHalf(Frame f, boolean left) {
        long[] s = new long[3];
        int n = 0;
        for (int y = 0; y < f.height(); y++) {
            for (int x = left ? 0 : f.width() / 2 + 10; x < (left ? f.width() / 2 - 10 : f.width()); x++) {
                int o = (y * f.width() + x) * 3;
                for (int c = 0; c < 3; c++) {
                    s[c] += f.rgb()[o + c] & 0xFF;
                }
                n++;
            }
        }
        return new int[]{(int) (s[0] / n), (int) (s[1] / n), (int) (s[2] / n)};
    }

    @Test
    void mkvWithAudioAndSubtitlesAndVfrVideosClassify() {
        Verdict m = classifier.classify(mkv);
        assertThat(m.status()).isEqualTo(VerdictStatus.DONE);
        assertThat(m.video().hasAudio()).isTrue();
        Verdict v = classifier.classify(vfr);
        assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
        // every keyframe timestamp is a real presentation time of the variable-rate schedule
        List<Double> times = vfrSpec.expectedFrameTimes();
        for (KeyframeVerdict k : v.keyframes()) {
            assertThat(times.stream().mapToDouble(t -> Math.abs(t - k.ptsS())).min().orElseThrow()).isLessThan(0.002);
        }
    }

    @Test
    void manyScenesAreClampedToTheMaximumAndSpreadOver() throws Exception {
        Path many = TestVideos.video().size(160, 120).segments(10, 0.7).writeTo(dir.resolve("many.mp4"));
        SamplingResult r = with(SamplingPolicy.DEFAULTS.withMode(SamplerMode.EXACT).withBand(1, 3)).scenes(VideoInput.of(many));
        assertThat(r.cuts()).hasSize(9);
        assertThat(r.keyframes()).hasSize(3);
        assertThat(r.keyframes().get(2).ptsS() - r.keyframes().get(0).ptsS()).isGreaterThan(7.0 / 3);
    }

    @Test
    void staticClipFallsBackToEvenlySpacedFrames() throws Exception {
        Path still = TestVideos.video().size(160, 120).segment(TestVideos.PALETTE[1], 3.0).writeTo(dir.resolve("static.mp4"));
        VideoClassifier vc = with(SamplingPolicy.DEFAULTS.withBand(3, 8));
        Verdict v = vc.classify(still);
        assertThat(v.sampler()).endsWith("+even");
        assertThat(v.keyframes()).extracting(KeyframeVerdict::ptsS)
                .satisfiesExactly(t -> assertThat(t).isCloseTo(0.5, within(0.05)),
                        t -> assertThat(t).isCloseTo(1.5, within(0.05)),
                        t -> assertThat(t).isCloseTo(2.5, within(0.05)));
    }

    @Test
    void eightConcurrentClassificationsEqualSequentialOnes() throws Exception {
        List<Path> inputs = List.of(cuts, rotated, mkv, vfr, hevc, cuts, rotated, hevc);
        List<String> sequential = new ArrayList<>();
        for (Path p : inputs) {
            sequential.add(stable(classifier.classify(p)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Path p : inputs) {
                futures.add(pool.submit(() -> stable(classifier.classify(VideoInput.of(Files.readAllBytes(p))))));
            }
            for (int i = 0; i < inputs.size(); i++) {
                assertThat(futures.get(i).get()).as(inputs.get(i).getFileName().toString()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The verdict JSON without the fields that legitimately vary between runs. */
    static String stable(Verdict v) throws Exception {
        ObjectNode json = (ObjectNode) VerdictJson.reader().readTree(VerdictJson.toJson(v));
        json.remove("timings_ms");
        ((ObjectNode) json.get("video")).remove("size_bytes");
        return json.toString();
    }

    // ---- every failure is a verdict with a stable code ----

    static String codeOf(Verdict v) {
        assertThat(v.status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(v.isExplicit()).isNull();
        assertThat(v.error().message()).doesNotContain("\n").isNotBlank();
        return v.error().code().code();
    }

    @Test
    void badInputsEndInFailedVerdictsWithStableCodes() throws Exception {
        assertThat(codeOf(classifier.classify(VideoInput.of(new byte[0])))).isEqualTo("empty_input");
        assertThat(codeOf(classifier.classify(VideoInput.of("this is not a video at all".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("unsupported_format");
        byte[] random = new byte[50_000];
        new java.util.Random(7).nextBytes(random);
        assertThat(codeOf(classifier.classify(VideoInput.of(random)))).isEqualTo("unsupported_format");
        String playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:6.0,\n" + cuts.toAbsolutePath() + "\n#EXT-X-ENDLIST\n";
        assertThat(codeOf(classifier.classify(VideoInput.of(playlist.getBytes(StandardCharsets.UTF_8))))).isEqualTo("unsupported_format");
        Path concat = dir.resolve("list.ffconcat");
        Files.writeString(concat, "ffconcat version 1.0\nfile '" + cuts.toAbsolutePath() + "'\n");
        assertThat(codeOf(classifier.classify(concat))).isEqualTo("unsupported_format");
        Path noisy = dir.resolve("noisy.mkv");
        TestVideos.run("-i", cuts.toString(), "-c", "copy", "-bsf:v", "noise=amount=1", noisy.toString());
        assertThat(codeOf(classifier.classify(noisy))).isEqualTo("no_decodable_frames");
    }

    @Test
    void truncatedUploadStillClassifiesWhatIsThere() throws Exception {
        Path mkvCopy = dir.resolve("trunc.mkv");
        TestVideos.run("-i", cuts.toString(), "-c", "copy", mkvCopy.toString());
        byte[] bytes = Files.readAllBytes(mkvCopy);
        Verdict v = classifier.classify(VideoInput.of(java.util.Arrays.copyOf(bytes, bytes.length / 2)));
        assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
        assertThat(v.keyframes()).isNotEmpty();
    }

    @Test
    void limitsGiveTheirCodes() {
        VideoInput in = VideoInput.of(cuts);
        assertThat(codeOf(limited(Limits.DEFAULTS.withMaxBytes(1000)).classify(in))).isEqualTo("too_large");
        assertThat(codeOf(limited(Limits.DEFAULTS.withMaxDurationS(2)).classify(in))).isEqualTo("too_long");
        assertThat(codeOf(limited(Limits.DEFAULTS.withMaxPixels(320 * 200)).classify(in))).isEqualTo("too_many_pixels");
        assertThat(codeOf(limited(Limits.DEFAULTS.withDecodeTimeout(Duration.ofMillis(1))).classify(in))).isEqualTo("timeout");
        assertThat(codeOf(classifier.classify(in, () -> true))).isEqualTo("cancelled");
    }

    private static VideoClassifier limited(Limits limits) {
        return VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).limits(limits).build();
    }

    @Test
    void aRubricTheScorerCannotScoreIsScorerFailed() {
        Rubric unknown = Rubric.of("bad", ScoreMode.DIRECT,
                List.of(new RubricLabel("unicorns", "a unicorn", LabelRole.TAG)), 0.5, 0.5);
        VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).rubric(unknown).build();
        Verdict v = vc.classify(cuts);
        assertThat(codeOf(v)).isEqualTo("scorer_failed");
        assertThat(v.error().message()).contains("unicorns");
    }

    @Test
    void imagePathAgreesWithTheVideoPathOnTheSamePicture() throws Exception {
        Verdict v = classifier.classify(cuts);
        KeyframeVerdict k = v.keyframes().get(0);
        // the same picture as FFmpeg renders it, through the image path (as a PNG: lossless)
        Frame picture = new Frame(320, 240, TestVideos.referenceFrame(cuts, k.ptsS()), 0);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(Images.toImage(picture), "png", png);
        var still = classifier.images().classify(png.toByteArray());
        assertThat(still.status()).isEqualTo(VerdictStatus.DONE);
        for (String label : k.scores().keySet()) {
            assertThat(still.judgement().scores().get(label)).as(label).isCloseTo(k.scores().get(label), within(0.05));
        }
    }
}
