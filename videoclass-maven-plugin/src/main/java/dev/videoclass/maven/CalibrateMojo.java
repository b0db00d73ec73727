package dev.videoclass.maven;

import dev.videoclass.spi.FrameScorer;
import dev.videoclass.VideoException;
import dev.videoclass.calibrate.CalibrationEngine;
import dev.videoclass.calibrate.CalibrationReport;
import dev.videoclass.calibrate.CalibrationSettings;
import dev.videoclass.calibrate.DemoCalibrationSet;
import dev.videoclass.calibrate.FfmpegStillEncoder;
import dev.videoclass.calibrate.PhoneEncoding;
import dev.videoclass.calibrate.StillVideoEncoder;
import dev.videoclass.onnx.demo.DemoModel;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code mvn videoclass:calibrate}: fails the build when the video path drifts from the image path.
 * Maps its parameters (each also a {@code -Dvideoclass.*} property) onto {@link CalibrationSettings}
 * and runs {@link CalibrationEngine}; the engine does all the work and is tested without Maven.
 * Reports go to {@code target/videoclass/} ({@code calibration.json}, {@code calibration.md},
 * {@code parity.svg}); each breach is one line of the failure message.
 */
@Mojo(name = "calibrate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CalibrateMojo extends AbstractMojo {
    /** {@code heuristic} (built-in) or {@code onnx}; see also {@link #scorerFactory}. */
    @Parameter(property = "videoclass.scorer", defaultValue = "heuristic")
    String scorer;

    /**
     * Your own scorer, instead of {@code scorer}/{@code model}: the binary name of a class with a
     * public no-argument constructor that implements
     * {@code java.util.function.Supplier<dev.videoclass.spi.FrameScorer>} (the convention of
     * {@code IsolatedVideoClassifier}), in an artifact listed in the plugin's {@code <dependencies>}.
     * Its {@code get()} is called once; the scorer is closed after the run.
     */
    @Parameter(property = "videoclass.scorerFactory")
    String scorerFactory;

    /** The ONNX model directory, for {@code scorer=onnx}. */
    @Parameter(property = "videoclass.model")
    File model;

    /** The rubric JSON; default the scorer's own. */
    @Parameter(property = "videoclass.rubric")
    File rubric;

    /** The labelled calibration set: a folder with {@code manifest.json} or {@code manifest.csv}. */
    @Parameter(property = "videoclass.calibrationSet", defaultValue = "${project.basedir}/src/test/calibration")
    File calibrationSet;

    /** Most |image score − video score| per label, 0–1. */
    @Parameter(property = "videoclass.maxScoreDelta", defaultValue = "0.02")
    double maxScoreDelta;

    /** Least share of label decisions (explicit and tags) that must agree with the manifest, 0–1. */
    @Parameter(property = "videoclass.minAgreement", defaultValue = "0")
    double minAgreement;

    /** Most the false-positive rate of MAX over keyframes may exceed the single-picture rate, 0–1. */
    @Parameter(property = "videoclass.fprBand", defaultValue = "0.05")
    double fprBand;

    /** The false-positive rate the threshold report looks for, 0–1. */
    @Parameter(property = "videoclass.targetFpr", defaultValue = "0.01")
    double targetFpr;

    /** Comma-separated encodings for pixel parity: h264-bt709, h264-bt601, hevc-bt709, hevc-bt601. */
    @Parameter(property = "videoclass.encodings", defaultValue = "h264-bt709,h264-bt601,hevc-bt709,hevc-bt601")
    String encodings;

    /** Comma-separated maximum keyframe counts whose false-positive rates are reported. */
    @Parameter(property = "videoclass.keyframeBands", defaultValue = "1,4,8,16")
    String keyframeBands;

    /** Where the reports go. */
    @Parameter(property = "videoclass.reportDirectory", defaultValue = "${project.build.directory}/videoclass")
    File reportDirectory;

    /** An ffmpeg executable with libx264 and libx265; default the one in bytedeco's GPL build. */
    @Parameter(property = "videoclass.ffmpeg")
    File ffmpeg;

    /**
     * Try-it mode: writes the demo ONNX model into {@code model} and a demo calibration set into
     * {@code calibrationSet} first, where they are missing.
     */
    @Parameter(property = "videoclass.demo", defaultValue = "false")
    boolean demo;

    /** Skips the goal. */
    @Parameter(property = "videoclass.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("videoclass:calibrate skipped");
            return;
        }
        boolean custom = scorerFactory != null && !scorerFactory.isBlank();
        if (custom && "onnx".equals(scorer.trim().toLowerCase(Locale.ROOT))) {
            throw new MojoExecutionException("videoclass:calibrate: set either scorer=onnx (with model) or scorerFactory ("
                    + scorerFactory + "), not both");
        }
        CalibrationSettings settings;
        StillVideoEncoder encoder;
        try {
            settings = CalibrationSettings.builder(calibrationSet.toPath())
                    .scorer(scorer.trim().toLowerCase(Locale.ROOT))
                    .modelDir(model == null ? null : model.toPath())
                    .rubricFile(rubric == null ? null : rubric.toPath())
                    .maxScoreDelta(maxScoreDelta).minAgreement(minAgreement).fprBand(fprBand).targetFpr(targetFpr)
                    .encodings(parseEncodings(encodings)).keyframeBands(parseBands(keyframeBands))
                    .reportDir(reportDirectory.toPath())
                    .build();
            encoder = ffmpeg != null ? new FfmpegStillEncoder(ffmpeg.toPath()) : FfmpegStillEncoder.fromClasspath();
            if (demo) {
                writeDemo();
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new MojoExecutionException("videoclass:calibrate: " + e.getMessage(), e);
        }
        CalibrationReport report = run(new CalibrationEngine(settings, encoder), custom ? scorerFactory.trim() : null);
        getLog().info(String.format(Locale.ROOT, "videoclass:calibrate: max |Δscore| %.4f (tolerance %.4f), agreement %.3f;"
                        + " reports in %s", report.maxScoreDelta(), maxScoreDelta, report.decisions().agreement(),
                reportDirectory));
        if (!report.passed()) {
            throw new MojoFailureException("videoclass:calibrate found " + report.breaches().size() + " breach(es):\n"
                    + String.join("\n", report.breaches()));
        }
    }

    /** Runs the engine with the settings' scorer, or with the one {@code factory} makes (closed afterwards). */
    private CalibrationReport run(CalibrationEngine engine, String factory) throws MojoExecutionException {
        try {
            if (factory == null) {
                return engine.run();
            }
            try (FrameScorer custom = ScorerFactories.open(factory, pluginRealm())) {
                getLog().info("videoclass:calibrate: scorer " + custom.id() + " (" + custom.executionProvider()
                        + ") from scorerFactory " + factory);
                return engine.run(custom);
            }
        } catch (IOException | VideoException | IllegalArgumentException | IllegalStateException e) {
            throw new MojoExecutionException("videoclass:calibrate could not run: " + e.getMessage(), e);
        }
    }

    /** The plugin's class realm (Maven's context class loader while the goal runs): the plugin and its {@code <dependencies>}. */
    private static ClassLoader pluginRealm() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CalibrateMojo.class.getClassLoader();
    }

    private void writeDemo() throws IOException {
        if (model != null && !new File(model, "preprocessor_config.json").isFile()) {
            getLog().info("videoclass:calibrate: writing the demo model to " + model);
            DemoModel.write(model.toPath());
        }
        if (!new File(calibrationSet, "manifest.json").isFile()) {
            getLog().info("videoclass:calibrate: writing the demo calibration set to " + calibrationSet);
            DemoCalibrationSet.write(calibrationSet.toPath(), FfmpegStillEncoder.fromClasspath());
        }
    }

    static List<PhoneEncoding> parseEncodings(String list) {
        List<PhoneEncoding> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                out.add(PhoneEncoding.parse(s.trim()));
            }
        }
        return out;
    }

    static List<Integer> parseBands(String list) {
        List<Integer> out = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                int band = Integer.parseInt(s.trim());
                if (band < 1) {
                    throw new IllegalArgumentException("keyframe bands are at least 1, got " + band);
                }
                out.add(band);
            }
        }
        return out;
    }
}
