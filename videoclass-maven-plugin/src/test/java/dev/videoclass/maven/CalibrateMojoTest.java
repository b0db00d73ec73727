package dev.videoclass.maven;

import dev.videoclass.spi.FrameScorer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoclass.calibrate.PhoneEncoding;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Mojo only maps parameters; the engine's behaviour is tested in CalibrationEngineTest and src/it. */
class CalibrateMojoTest {
    @TempDir
    Path tmp;

    CalibrateMojo mojo() {
        CalibrateMojo m = new CalibrateMojo();
        m.scorer = "heuristic";
        m.calibrationSet = tmp.resolve("set").toFile();
        m.maxScoreDelta = 0.02;
        m.fprBand = 0.05;
        m.targetFpr = 0.01;
        m.encodings = "h264-bt709,hevc-bt601";
        m.keyframeBands = "1,8";
        m.reportDirectory = tmp.resolve("reports").toFile();
        return m;
    }

    @Test
    void skipDoesNothing() throws Exception {
        CalibrateMojo m = mojo();
        m.skip = true;
        m.calibrationSet = new File("/nonexistent");
        m.execute();
        assertThat(tmp.resolve("reports")).doesNotExist();
    }

    @Test
    void badParametersAreConfigurationErrorsNamingThem() {
        CalibrateMojo unknownEncoding = mojo();
        unknownEncoding.encodings = "h264-bt709,vp9";
        assertThatThrownBy(unknownEncoding::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("vp9");
        CalibrateMojo onnxWithoutModel = mojo();
        onnxWithoutModel.scorer = "onnx";
        assertThatThrownBy(onnxWithoutModel::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("model");
        CalibrateMojo badTolerance = mojo();
        badTolerance.maxScoreDelta = 2;
        assertThatThrownBy(badTolerance::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("0-1");
        CalibrateMojo noSet = mojo();
        assertThatThrownBy(noSet::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("manifest");
    }

    @Test
    void aScorerFactoryThatCannotBeUsedIsAConfigurationErrorNamingTheClass() {
        String[][] cases = {
            {"com.example.NoSuchFactory", "not found", "<dependencies>"},
            {String.class.getName(), "does not implement java.util.function.Supplier"},
            {ScorerFactoryFixtures.NeedsArgument.class.getName(), "public no-argument constructor"},
            {ScorerFactoryFixtures.ThrowingConstructor.class.getName(), "constructor threw", "no licence key"},
            {ScorerFactoryFixtures.ThrowingGet.class.getName(), ".get() failed", "model file missing"},
            {ScorerFactoryFixtures.NotAScorer.class.getName(), "returned a java.lang.String, not a " + FrameScorer.class.getName()},
        };
        for (String[] c : cases) {
            CalibrateMojo m = mojo();
            m.scorerFactory = c[0];
            assertThatThrownBy(m::execute).as(c[0]).isInstanceOf(MojoExecutionException.class)
                    .hasMessageContaining("scorerFactory " + c[0]).hasMessageContaining(c[1])
                    .hasMessageContaining(c.length > 2 ? c[2] : c[1]);
        }
        CalibrateMojo both = mojo();
        both.scorer = "onnx";
        both.scorerFactory = ScorerFactoryFixtures.Renamed.class.getName();
        assertThatThrownBy(both::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("not both");
    }

    @Test
    void theFactorysScorerIsCalibratedNamedInTheReportAndClosed() throws Exception {
        Path set = Files.createDirectories(tmp.resolve("set"));
        BufferedImage card = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                card.setRGB(x, y, 0x2060C0 + (x + y) % 32);
            }
        }
        ImageIO.write(card, "png", set.resolve("card.png").toFile());
        Files.writeString(set.resolve("manifest.json"), "{\"items\": [{\"file\": \"card.png\", \"explicit\": false, \"tags\": []}]}");
        CalibrateMojo m = mojo();
        m.encodings = "h264-bt709";
        m.keyframeBands = "1";
        m.maxScoreDelta = 1; // this test is about whose scorer runs, not about its parity
        m.fprBand = 1;
        m.scorerFactory = ScorerFactoryFixtures.Renamed.class.getName();
        int closedBefore = ScorerFactoryFixtures.Renamed.CLOSED.get();
        m.execute();
        assertThat(ScorerFactoryFixtures.Renamed.CLOSED.get() - closedBefore).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("reports/calibration.json").toFile());
        assertThat(report.get("scorer").get("id").asText()).isEqualTo(ScorerFactoryFixtures.Renamed.ID);
        assertThat(report.get("scorer").get("provider").asText()).isEqualTo("java");
        assertThat(Files.readString(tmp.resolve("reports/calibration.md"))).contains("`" + ScorerFactoryFixtures.Renamed.ID + "`");

        CalibrateMojo failing = mojo(); // no calibration set: the run fails, the scorer is closed all the same
        failing.scorerFactory = ScorerFactoryFixtures.Renamed.class.getName();
        failing.calibrationSet = tmp.resolve("no-set").toFile();
        assertThatThrownBy(failing::execute).isInstanceOf(MojoExecutionException.class);
        assertThat(ScorerFactoryFixtures.Renamed.CLOSED.get() - closedBefore).isEqualTo(2);
    }

    @Test
    void listsParse() {
        assertThat(CalibrateMojo.parseEncodings(" h264-bt601 , hevc-bt709,")).containsExactly(PhoneEncoding.H264_BT601,
                PhoneEncoding.HEVC_BT709);
        assertThat(CalibrateMojo.parseBands("1, 4,16")).containsExactly(1, 4, 16);
        assertThatThrownBy(() -> CalibrateMojo.parseBands("0")).hasMessageContaining("at least 1");
    }
}
