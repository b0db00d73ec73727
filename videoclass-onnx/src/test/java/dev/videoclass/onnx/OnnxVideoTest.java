package dev.videoclass.onnx;

import dev.videoclass.ErrorCode;
import dev.videoclass.VerdictStatus;
import dev.videoclass.Frame;
import dev.videoclass.ImageClassifier;
import dev.videoclass.ImageVerdict;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.image.Images;
import dev.videoclass.onnx.demo.DemoModel;
import dev.videoclass.onnx.demo.graph.OnnxGraphBuilder;
import dev.videoclass.onnx.demo.graph.OnnxGraphBuilder.ElementType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The ONNX scorer on the video path: real videos, real decoding, real ONNX Runtime. */
class OnnxVideoTest {
    static final int BLUE = 0x2030C8;
    static final int RED = 0xD02018;

    @TempDir
    static Path tmp;
    static OnnxScorer scorer;

    @BeforeAll
    static void open() throws Exception {
        Path dir = tmp.resolve("demo");
        DemoModel.write(dir);
        scorer = OnnxScorer.open(dir, OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).build());
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    @Test
    void aRedSceneInsideABlueVideoIsTaggedRedByMaxWithItsTimestampAsEvidence() {
        TestVideos.Builder spec = TestVideos.video().size(320, 240).fps(30)
                .segment(BLUE, 2.0).segment(RED, 1.5).segment(BLUE, 2.0);
        Path video = spec.writeTo(tmp.resolve("blue-red-blue.mp4"));
        VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).scorer(scorer).build();
        Verdict v = vc.classify(video);

        assertThat(v.status()).isEqualTo(VerdictStatus.DONE);
        assertThat(v.scorer().provider()).isEqualTo("cpu");
        assertThat(v.scorer().id()).startsWith("onnx:");
        assertThat(v.keyframes()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(v.inferences()).isEqualTo(v.keyframes().size());
        assertThat(v.sceneTags()).contains("red", "blue");
        assertThat(v.isExplicit()).as("red is the demo rubric's explicit stand-in").isTrue();
        List<Double> redEvidence = v.evidence().tags().get("red");
        assertThat(redEvidence).isNotEmpty().allSatisfy(t -> assertThat(t).isBetween(2.0, 3.5));
        assertThat(v.evidence().explicit()).isNotEmpty().allSatisfy(t -> assertThat(t).isBetween(2.0, 3.5));
        for (KeyframeVerdict k : v.keyframes()) {
            boolean inRed = k.ptsS() >= 2.0 && k.ptsS() < 3.5;
            assertThat(k.tags().contains("red")).as("keyframe at %.2f s", k.ptsS()).isEqualTo(inRed);
        }
    }

    @Test
    void aStillThroughTheImagePathAndAsAVideoAgreeWithin002PerLabel() throws Exception {
        Frame picture = testCard(640, 360);
        Path png = tmp.resolve("card.png");
        ImageIO.write(Images.toImage(picture), "png", png.toFile());
        ImageVerdict still = new ImageClassifier(scorer, null, null).classify(png);
        assertThat(still.status()).isEqualTo(VerdictStatus.DONE);

        for (String[] encoding : new String[][] {
                {"libx264", "bt709", "h264.mp4"}, {"libx264", "smpte170m", "h264-601.mp4"}, {"libx265", "bt709", "hevc.mov"}}) {
            Path video = tmp.resolve(encoding[2]);
            TestVideos.run("-loop", "1", "-i", png.toString(), "-t", "1", "-r", "30", "-c:v", encoding[0], "-crf", "16",
                    "-pix_fmt", "yuv420p", "-vf", "scale=out_color_matrix=" + (encoding[1].equals("bt709") ? "bt709" : "bt601") + ":out_range=tv",
                    "-colorspace", encoding[1], "-color_primaries", encoding[1].equals("bt709") ? "bt709" : "smpte170m",
                    "-color_trc", encoding[1].equals("bt709") ? "bt709" : "smpte170m", "-color_range", "tv",
                    video.toString());
            Verdict v = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).scorer(scorer).build().classify(video);
            assertThat(v.status()).as(encoding[2]).isEqualTo(VerdictStatus.DONE);
            double worst = 0;
            for (KeyframeVerdict k : v.keyframes()) {
                for (Map.Entry<String, Double> e : still.judgement().scores().entrySet()) {
                    worst = Math.max(worst, Math.abs(k.scores().get(e.getKey()) - e.getValue()));
                }
            }
            System.out.printf("parity %s: max |delta score| %.5f over %d keyframes%n", encoding[2], worst, v.keyframes().size());
            for (KeyframeVerdict k : v.keyframes()) {
                for (Map.Entry<String, Double> e : still.judgement().scores().entrySet()) {
                    assertThat(k.scores().get(e.getKey())).as("%s %s at %.2f s", encoding[2], e.getKey(), k.ptsS())
                            .isCloseTo(e.getValue(), within(0.02));
                }
            }
        }
    }

    @Test
    void aModelThatFailsWhileRunningGivesAFailedVerdictWithScorerFailed() throws Exception {
        Path dir = tmp.resolve("broken");
        DemoModel.write(dir);
        // accepts any image size on paper, but reshapes to 224x224 inside: 384x384 input cannot fit
        OnnxGraphBuilder g = new OnnxGraphBuilder("reshapes-to-224");
        g.input("pixel_values", ElementType.FLOAT, "batch", 3, "height", "width");
        String reshaped = g.node("Reshape", List.of("pixel_values", g.longs(-1, 3, 224, 224)), "reshaped");
        String pooled = g.node("GlobalAveragePool", List.of(reshaped), "pooled");
        g.node("Flatten", List.of(pooled), "image_embeds", OnnxGraphBuilder.Attribute.of("axis", 1L));
        g.output("image_embeds", ElementType.FLOAT, "batch", 3);
        g.write(dir.resolve("vision_model.onnx"));
        Path video = TestVideos.video().size(160, 120).segments(2, 1.0).writeTo(tmp.resolve("short.mp4"));
        try (OnnxScorer broken = OnnxScorer.open(dir)) {
            Verdict v = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).scorer(broken).build().classify(video);
            assertThat(v.status()).isEqualTo(VerdictStatus.FAILED);
            assertThat(v.error().code()).isEqualTo(ErrorCode.SCORER_FAILED);
            assertThat(v.error().message()).doesNotContain("\n").contains("ONNX Runtime failed");
            assertThat(v.isExplicit()).isNull();
        }
    }

    /** Colour blocks, gradients and fine texture, so that colour conversion, chroma and detail all matter. */
    static Frame testCard(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                int block = (x * 4 / w) + 4 * (y * 2 / h);
                int r = (block & 1) != 0 ? 200 : 40, g = (block & 2) != 0 ? 180 : 30, b = (block & 4) != 0 ? 210 : 50;
                int grad = (x + y) * 60 / (w + h) - 30;
                int texture = ((x / 3 + y / 3) & 1) == 0 && x > w / 2 ? 35 : 0;
                px[i] = (byte) clamp(r + grad + texture);
                px[i + 1] = (byte) clamp(g - grad / 2 + texture);
                px[i + 2] = (byte) clamp(b + texture);
            }
        }
        return new Frame(w, h, px, 0.0);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
