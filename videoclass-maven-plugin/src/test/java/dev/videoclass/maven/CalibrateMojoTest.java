package dev.videoclass.maven;

import dev.videoclass.calibrate.PhoneEncoding;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
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
    void listsParse() {
        assertThat(CalibrateMojo.parseEncodings(" h264-bt601 , hevc-bt709,")).containsExactly(PhoneEncoding.H264_BT601,
                PhoneEncoding.HEVC_BT709);
        assertThat(CalibrateMojo.parseBands("1, 4,16")).containsExactly(1, 4, 16);
        assertThatThrownBy(() -> CalibrateMojo.parseBands("0")).hasMessageContaining("at least 1");
    }
}
