package dev.videoclass;

import dev.videoclass.json.VerdictJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the verdict JSON byte for byte: the wire contract that services, stores and the CLI rely on.
 * The golden files under {@code src/test/resources/golden/} were written by the serialiser before
 * the verdict model was redesigned; any change to them is a change of the contract. Set
 * {@code -Dvideoclass.golden.write=DIR} to write the current output to DIR for a deliberate update.
 */
class VerdictJsonGoldenTest {

    static final byte[] POSTER = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9};

    static Map<String, Double> scores(double explicit, double safe, double quality, double beach) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("explicit", explicit);
        m.put("safe", safe);
        m.put("quality", quality);
        m.put("beach", beach);
        return m;
    }

    static VideoInfo video() {
        return new VideoInfo(8.0, 30.0, 240, "mov,mp4,m4a,3gp,3g2,mj2", "h264", 640, 360, 640, 360, 0, 812345, true,
                812_500);
    }

    static Judgement judgement(Map<String, Double> scores, double explicitScore, boolean explicit, double quality,
                               List<String> tags) {
        return new Judgement(scores, explicitScore, explicit, quality, tags);
    }

    static Verdict done() {
        KeyframeVerdict k1 = new KeyframeVerdict(0.5, judgement(scores(0.01, 0.99, 0.7, 0.1), 0.01, false, 0.7, List.of()));
        KeyframeVerdict k2 = new KeyframeVerdict(4.25, judgement(scores(0.8, 0.2, 0.6, 0.45), 0.8, true, 0.6, List.of("beach")));
        Evidence evidence = new Evidence(List.of(4.25), Map.of("beach", List.of(4.25)));
        return Verdict.done(judgement(scores(0.8, 0.2, 0.7, 0.45), 0.8, true, 0.65, List.of("beach")), evidence)
                .poster(new Verdict.Poster(POSTER, 640, 360)).durationS(8.0).sampler("auto:keyframes")
                .aggregator("max").keyframes(List.of(k1, k2))
                .scorer(new Verdict.ScorerInfo("heuristic-v1", "java")).rubric(new Verdict.RubricInfo("content-v1", "ab12cd34"))
                .video(video()).timings(new Verdict.Timings(12, 180, 9, 230)).build();
    }

    /** {@link #done()} as a classifier asked for embeddings writes it: each keyframe's scene and embedding. */
    static Verdict doneWithEmbeddings() {
        List<KeyframeVerdict> keyframes = List.of(
                new KeyframeVerdict(0.5, done().keyframes().get(0).judgement(),
                        new SceneEmbedding(0.0, 4.0, new float[] {0.6f, 0.8f, 0.0f})),
                new KeyframeVerdict(4.25, done().keyframes().get(1).judgement(),
                        new SceneEmbedding(4.0, 8.0, new float[] {0.0f, -0.70710677f, 0.70710677f})));
        return done().toBuilder().keyframes(keyframes).embeddingModel("onnx:siglip@0123456789ab").build();
    }

    static Verdict failedWithVideo() {
        return Verdict.failed(new VideoException(ErrorCode.TOO_LONG, "the video lasts 700.0 s, more than the limit of 600.0 s"))
                .scorer(new Verdict.ScorerInfo("heuristic-v1", "java")).rubric(new Verdict.RubricInfo("content-v1", "ab12cd34"))
                .video(video()).timings(new Verdict.Timings(15, 0, 0, 16)).build();
    }

    static Verdict failedEmpty() {
        return Verdict.failed(ErrorCode.EMPTY_INPUT, "the input has no bytes")
                .scorer(new Verdict.ScorerInfo("onnx:siglip", "cpu")).rubric(new Verdict.RubricInfo("content-v1", "ab12cd34"))
                .timings(Verdict.Timings.ZERO).build();
    }

    static ImageVerdict imageDone() {
        return ImageVerdict.done(judgement(scores(0.3, 0.7, 0.9, 0.05), 0.3, false, 0.9, List.of()), 1024, 768,
                new Verdict.ScorerInfo("heuristic-v1", "java"), new Verdict.RubricInfo("content-v1", "ab12cd34"),
                new Verdict.Timings(0, 20, 5, 25));
    }

    static ImageVerdict imageFailed() {
        return ImageVerdict.failed(ErrorCode.UNSUPPORTED_FORMAT, "not an image",
                new Verdict.ScorerInfo("heuristic-v1", "java"), new Verdict.RubricInfo("content-v1", "ab12cd34"),
                new Verdict.Timings(0, 0, 0, 3));
    }

    @Test
    void doneVerdict() throws IOException {
        assertGolden("verdict-done.json", VerdictJson.toJson(done()));
    }

    @Test
    void doneVerdictPretty() throws IOException {
        assertGolden("verdict-done-pretty.json", VerdictJson.toPrettyJson(done()));
    }

    @Test
    void doneVerdictWithEmbeddings() throws IOException {
        assertGolden("verdict-done-embeddings.json", VerdictJson.toJson(doneWithEmbeddings()));
    }

    @Test
    void failedVerdicts() throws IOException {
        assertGolden("verdict-failed-too-long.json", VerdictJson.toJson(failedWithVideo()));
        assertGolden("verdict-failed-empty.json", VerdictJson.toJson(failedEmpty()));
    }

    @Test
    void imageVerdicts() throws IOException {
        assertGolden("image-done.json", VerdictJson.toJson(imageDone()));
        assertGolden("image-failed.json", VerdictJson.toJson(imageFailed()));
    }

    @Test
    void verdictsReadBackToTheSameJson() {
        for (Verdict v : List.of(done(), doneWithEmbeddings(), failedWithVideo(), failedEmpty())) {
            String json = VerdictJson.toJson(v);
            assertThat(VerdictJson.toJson(VerdictJson.parseVerdict(json))).isEqualTo(json);
        }
        assertThat(VerdictJson.parseVerdict(VerdictJson.toJson(done())).posterJpeg()).isEqualTo(POSTER);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        String dir = System.getProperty("videoclass.golden.write");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name), actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = VerdictJsonGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
