package dev.videoclass.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.onnx.demo.DemoModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine on a generated calibration set, with the demo ONNX model: passing and failing runs. */
class CalibrationEngineTest {
    @TempDir
    static Path tmp;
    static Path set;
    static Path model;

    @BeforeAll
    static void writeSet() throws Exception {
        model = tmp.resolve("model");
        DemoModel.write(model);
        set = Files.createDirectories(tmp.resolve("set"));
        DemoCalibrationSet.card(set.resolve("red-card.png"), 0xD02018, 320, 240);
        DemoCalibrationSet.card(set.resolve("blue-card.png"), 0x2030C8, 321, 241); // odd size: cropped alike on both paths
        DemoCalibrationSet.card(set.resolve("green-card.png"), 0x20A030, 320, 240);
        TestVideos.video().size(320, 240).segment(0x2030C8, 1.5).segment(0x20A030, 1.5).writeTo(set.resolve("calm.mp4"));
        TestVideos.video().size(320, 240).segment(0x2030C8, 1.5).segment(0xD02018, 1.5).writeTo(set.resolve("flash.mp4"));
        Files.writeString(set.resolve("manifest.json"), """
                {"items": [
                  {"file": "red-card.png", "explicit": true, "tags": ["red"]},
                  {"file": "blue-card.png", "explicit": false, "tags": ["blue"]},
                  {"file": "green-card.png", "explicit": false, "tags": ["green"]},
                  {"file": "calm.mp4", "explicit": false, "tags": ["blue", "green"]},
                  {"file": "flash.mp4", "explicit": true, "tags": ["blue", "red"]}
                ]}""");
    }

    static CalibrationSettings.Builder settings(String reports) {
        return CalibrationSettings.builder(set).scorer("onnx").modelDir(model).reportDir(tmp.resolve(reports))
                .encodings(List.of(PhoneEncoding.H264_BT709, PhoneEncoding.HEVC_BT601)).keyframeBands(List.of(1, 8));
    }

    @Test
    void aFaithfulVideoPathPassesAndWritesTheReports() throws Exception {
        CalibrationReport r = new CalibrationEngine(settings("pass").build(), FfmpegStillEncoder.fromClasspath()).run();
        assertThat(r.breaches()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.pixelParity()).hasSize(3 * 2);
        assertThat(r.maxScoreDelta()).isLessThan(0.02).isEqualTo(
                r.pixelParity().stream().mapToDouble(CalibrationReport.PixelParity::maxDelta).max().orElseThrow());
        assertThat(r.pixelParity()).allSatisfy(p -> assertThat(p.verdictsAgree()).isTrue());
        assertThat(r.decisions().items()).isEqualTo(5);
        assertThat(r.decisions().explicitAgreement()).isEqualTo(1.0);
        assertThat(r.decisions().imageFpr()).isEqualTo(0.0);
        assertThat(r.decisions().videoFpr()).isEqualTo(0.0);
        assertThat(r.decisions().fprByMaxKeyframes()).containsKeys("1", "8");
        assertThat(r.thresholds()).extracting(CalibrationReport.LabelThresholds::label).contains("explicit", "red", "blue");

        Path dir = tmp.resolve("pass");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("calibration.json").toFile());
        assertThat(json.get("max_score_delta").asDouble()).isEqualTo(r.maxScoreDelta());
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("pixel_parity")).hasSize(6);
        String md = Files.readString(dir.resolve("calibration.md"));
        assertThat(md).contains("PASSED", "Pixel parity", "red-card.png", "h264-bt709", "hevc-bt601", "parity.svg");
        assertThat(Files.readString(dir.resolve("parity.svg"))).startsWith("<svg").contains("tolerance 0.0200");
    }

    @Test
    void aZeroToleranceFailsWithOneLinePerBreachNamingItemLabelDeltaAndTolerance() throws Exception {
        CalibrationReport r = new CalibrationEngine(settings("zero").maxScoreDelta(0).build(), FfmpegStillEncoder.fromClasspath()).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.breaches()).isNotEmpty().allSatisfy(b -> assertThat(b).doesNotContain("\n"))
                .anySatisfy(b -> assertThat(b).contains("red-card.png").contains("h264-bt709").contains("label '")
                        .contains("> tolerance 0.0000"));
    }

    @Test
    void aVideoPathWithTheWrongColourMatrixIsCaught() throws Exception {
        CalibrationReport r = new CalibrationEngine(settings("wrong-matrix").build(), new WrongMatrixEncoder()).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.maxScoreDelta()).isGreaterThan(0.02);
        assertThat(r.breaches()).anySatisfy(b -> assertThat(b).startsWith("pixel parity:").contains("> tolerance 0.0200"));
    }

    @Test
    void theDemoSetPassesWithTheDemoModelAndAgreesWithItsManifest() throws Exception {
        Path demoSet = tmp.resolve("demo-set");
        DemoCalibrationSet.write(demoSet, FfmpegStillEncoder.fromClasspath());
        CalibrationSettings s = CalibrationSettings.builder(demoSet).scorer("onnx").modelDir(model)
                .reportDir(tmp.resolve("demo-reports")).minAgreement(0.9).build();
        CalibrationReport r = new CalibrationEngine(s, FfmpegStillEncoder.fromClasspath()).run();
        assertThat(r.breaches()).isEmpty();
        assertThat(r.pixelParity()).hasSize(4 * 4);
        assertThat(r.decisions().explicitAgreement()).isEqualTo(1.0);
        assertThat(r.decisions().agreement()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.decisions().perItem()).filteredOn(d -> d.kind().equals("video")).hasSize(2)
                .allSatisfy(d -> assertThat(d.tags()).containsAll(d.labelTags()));
        assertThat(r.thresholds().get(0).thresholdForTargetFpr()).isNotNull();
    }

    @Test
    void aManifestThatNamesAMissingFileIsRefused() throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad-set"));
        Files.writeString(bad.resolve("manifest.csv"), "file,explicit,tags\nnothing.png,false,\n");
        assertThatThrownBy(() -> CalibrationSet.load(bad)).hasMessageContaining("nothing.png");
        Files.writeString(bad.resolve("here.png"), "x");
        Files.writeString(bad.resolve("manifest.csv"), "file,explicit,tags\nhere.png,true,red|blue\n");
        CalibrationSet s = CalibrationSet.load(bad);
        assertThat(s.items()).singleElement().satisfies(i -> {
            assertThat(i.explicit()).isTrue();
            assertThat(i.tags()).containsExactly("red", "blue");
            assertThat(i.isImage()).isTrue();
        });
    }
}
