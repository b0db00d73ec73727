package dev.videoclass.calibrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link CalibrationEngine} checks and how strictly. Immutable; {@link #builder(Path)} starts
 * from the defaults.
 *
 * @param scorer              {@code heuristic} (built-in) or {@code onnx}
 * @param modelDir            the ONNX model directory (for {@code onnx})
 * @param rubricFile          the rubric, or null for the scorer's own
 * @param calibrationSet      the labelled set's folder ({@link CalibrationSet})
 * @param maxScoreDelta       most |image score − video score| allowed per label (0–1), default 0.02
 * @param minAgreement        least share (0–1) of label decisions that must agree with the manifest, default 0 (report only)
 * @param fprBand             most the false-positive rate of MAX over a video's keyframes may exceed the
 *                            single-picture rate (0–1), default 0.05
 * @param targetFpr           the false-positive rate the threshold report looks for, default 0.01
 * @param encodings           how pictures are turned into videos for pixel parity
 * @param keyframeBands       the {@code [1, max]} keyframe bands whose false-positive rates are reported
 * @param reportDir           where {@code calibration.json} and {@code calibration.md} go
 */
public record CalibrationSettings(String scorer, Path modelDir, Path rubricFile, Path calibrationSet,
                                  double maxScoreDelta, double minAgreement, double fprBand, double targetFpr,
                                  List<PhoneEncoding> encodings, List<Integer> keyframeBands, Path reportDir) {
    public CalibrationSettings {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(calibrationSet, "calibrationSet");
        Objects.requireNonNull(reportDir, "reportDir");
        if (!scorer.equals("heuristic") && !scorer.equals("onnx")) {
            throw new IllegalArgumentException("scorer must be heuristic or onnx, not " + scorer);
        }
        if (scorer.equals("onnx") && modelDir == null) {
            throw new IllegalArgumentException("scorer onnx needs a model directory");
        }
        for (double v : new double[] {maxScoreDelta, minAgreement, fprBand, targetFpr}) {
            if (v < 0 || v > 1) {
                throw new IllegalArgumentException("tolerances are 0-1 values, got " + v);
            }
        }
        encodings = List.copyOf(encodings);
        keyframeBands = List.copyOf(keyframeBands);
        if (encodings.isEmpty() || keyframeBands.isEmpty()) {
            throw new IllegalArgumentException("at least one encoding and one keyframe band are needed");
        }
    }

    /** Defaults for a set: heuristic scorer, 0.02, no agreement floor, band 0.05, target 1 %, all four encodings, bands 1/4/8/16. */
    public static Builder builder(Path calibrationSet) {
        return new Builder(calibrationSet);
    }

    /** Builder of {@link CalibrationSettings}; not thread safe. */
    public static final class Builder {
        private String scorer = "heuristic";
        private Path modelDir;
        private Path rubricFile;
        private final Path calibrationSet;
        private double maxScoreDelta = 0.02;
        private double minAgreement = 0.0;
        private double fprBand = 0.05;
        private double targetFpr = 0.01;
        private List<PhoneEncoding> encodings = List.of(PhoneEncoding.values());
        private List<Integer> keyframeBands = List.of(1, 4, 8, 16);
        private Path reportDir = Path.of("target", "videoclass");

        private Builder(Path calibrationSet) {
            this.calibrationSet = calibrationSet;
        }

        public Builder scorer(String s) { this.scorer = s; return this; }
        public Builder modelDir(Path p) { this.modelDir = p; return this; }
        public Builder rubricFile(Path p) { this.rubricFile = p; return this; }
        public Builder maxScoreDelta(double v) { this.maxScoreDelta = v; return this; }
        public Builder minAgreement(double v) { this.minAgreement = v; return this; }
        public Builder fprBand(double v) { this.fprBand = v; return this; }
        public Builder targetFpr(double v) { this.targetFpr = v; return this; }
        public Builder encodings(List<PhoneEncoding> e) { this.encodings = e; return this; }
        public Builder keyframeBands(List<Integer> b) { this.keyframeBands = b; return this; }
        public Builder reportDir(Path p) { this.reportDir = p; return this; }

        public CalibrationSettings build() {
            return new CalibrationSettings(scorer, modelDir, rubricFile, calibrationSet, maxScoreDelta, minAgreement,
                    fprBand, targetFpr, encodings, keyframeBands, reportDir);
        }
    }
}
