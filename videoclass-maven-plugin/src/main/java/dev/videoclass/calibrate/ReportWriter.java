package dev.videoclass.calibrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.videoclass.calibrate.CalibrationReport.ItemDecision;
import dev.videoclass.calibrate.CalibrationReport.LabelThresholds;
import dev.videoclass.calibrate.CalibrationReport.PixelParity;
import dev.videoclass.calibrate.CalibrationReport.ThresholdPoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link CalibrationReport} as {@code calibration.json} (snake_case, for machines),
 * {@code calibration.md} (tables, for people) and {@code parity.svg} (the largest |Δscore| per label
 * against the tolerance). Stateless.
 */
final class ReportWriter {
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ReportWriter() {
    }

    static void write(CalibrationReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("calibration.json").toFile(), r);
        Map<String, Double> worstByLabel = worstByLabel(r);
        Files.writeString(dir.resolve("parity.svg"), svg(worstByLabel, r.tolerances().maxScoreDelta()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("calibration.md"), markdown(r, worstByLabel), StandardCharsets.UTF_8);
    }

    private static Map<String, Double> worstByLabel(CalibrationReport r) {
        Map<String, Double> worst = new LinkedHashMap<>();
        for (PixelParity p : r.pixelParity()) {
            p.deltas().forEach((label, d) -> worst.merge(label, d, Math::max));
        }
        return worst;
    }

    private static String markdown(CalibrationReport r, Map<String, Double> worstByLabel) {
        StringBuilder md = new StringBuilder();
        md.append("# videoclass calibration: ").append(r.passed() ? "PASSED" : "FAILED").append("\n\n");
        md.append(String.format(Locale.ROOT, "Scorer `%s` (%s), rubric `%s` (%s).%n%n", r.scorer().get("id"),
                r.scorer().get("provider"), r.rubric().get("id"), r.rubric().get("hash").substring(0, 12)));
        if (!r.breaches().isEmpty()) {
            md.append("## Breaches\n\n");
            r.breaches().forEach(b -> md.append("- ").append(b).append('\n'));
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "## Pixel parity: image path against video path%n%n"
                + "Largest |Δscore| %.4f (tolerance %.4f).%n%n![largest |Δscore| per label](parity.svg)%n%n",
                r.maxScoreDelta(), r.tolerances().maxScoreDelta()));
        md.append("| picture | encoding | max abs delta | worst label | frame verdicts agree |\n|---|---|---|---|---|\n");
        for (PixelParity p : r.pixelParity()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %s | %s |%n", p.item(), p.encoding(), p.maxDelta(),
                    p.worstLabel(), p.verdictsAgree() ? "yes" : "**no**"));
        }
        if (!worstByLabel.isEmpty()) {
            md.append("\n| label | largest abs delta |\n|---|---|\n");
            worstByLabel.forEach((l, d) -> md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", l, d)));
        }
        CalibrationReport.Decisions d = r.decisions();
        md.append(String.format(Locale.ROOT, "%n## Decisions against the manifest%n%n"
                        + "| measure | value |%n|---|---|%n| items | %d |%n| explicit agreement | %.3f |%n"
                        + "| tag agreement | %.3f |%n| all decisions | %.3f (minimum %.3f) |%n"
                        + "| false-positive rate, pictures | %s |%n| false-positive rate, single keyframes | %s |%n"
                        + "| false-positive rate, MAX over keyframes | %s (band %.3f over the single-picture rate) |%n",
                d.items(), d.explicitAgreement(), d.tagAgreement(), d.agreement(), r.tolerances().minAgreement(),
                rate(d.imageFpr()), rate(d.keyframeFpr()), rate(d.videoFpr()), r.tolerances().fprBand()));
        if (!d.fprByMaxKeyframes().isEmpty()) {
            md.append("\n| keyframe band | video false-positive rate |\n|---|---|\n");
            d.fprByMaxKeyframes().forEach((band, fpr) -> md.append("| [1, ").append(band).append("] | ").append(rate(fpr)).append(" |\n"));
        }
        md.append("\n| item | kind | label explicit | verdict explicit | explicit score | label tags | verdict tags |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (ItemDecision i : d.perItem()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.3f | %s | %s |%n", i.item(), i.kind(),
                    i.labelExplicit(), i.error() != null ? "failed: " + i.error() : i.isExplicit(), i.explicitScore(),
                    String.join(" ", i.labelTags()), String.join(" ", i.tags())));
        }
        md.append(String.format(Locale.ROOT, "%n## Thresholds%n%nThe threshold per label that meets a false-positive rate of %.3f:%n%n"
                + "| label | positives | negatives | threshold |%n|---|---|---|---|%n", r.tolerances().targetFpr()));
        for (LabelThresholds t : r.thresholds()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n", t.label(), t.positives(), t.negatives(),
                    t.thresholdForTargetFpr() == null ? "none" : String.format(Locale.ROOT, "%.2f", t.thresholdForTargetFpr())));
        }
        for (LabelThresholds t : r.thresholds()) {
            md.append("\n### ").append(t.label()).append("\n\n| threshold | precision | recall | false-positive rate |\n|---|---|---|---|\n");
            for (ThresholdPoint p : t.points()) {
                md.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %s |%n", p.threshold(), rate(p.precision()),
                        rate(p.recall()), rate(p.fpr())));
            }
        }
        return md.toString();
    }

    /** A horizontal bar per label, with the tolerance as a red line. */
    static String svg(Map<String, Double> worstByLabel, double tolerance) {
        int rowH = 22, labelW = 140, plotW = 360, top = 30;
        int h = top + rowH * Math.max(1, worstByLabel.size()) + 30;
        double max = Math.max(tolerance * 1.5, worstByLabel.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
        max = max <= 0 ? 1 : max;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", labelW + plotW + 70, h));
        s.append("<text x=\"4\" y=\"18\">largest |Δscore| per label, image path vs video path</text>\n");
        int y = top;
        for (Map.Entry<String, Double> e : worstByLabel.entrySet()) {
            int w = (int) Math.round(plotW * e.getValue() / max);
            String colour = e.getValue() > tolerance ? "#c0392b" : "#2e86c1";
            s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>%n", y + 15, escape(e.getKey())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"/>%n",
                    labelW, y + 2, Math.max(w, 1), colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.4f</text>%n", labelW + Math.max(w, 1) + 4, y + 15, e.getValue()));
            y += rowH;
        }
        int tx = labelW + (int) Math.round(plotW * tolerance / max);
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>%n",
                tx, top, tx, y));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#c0392b\">tolerance %.4f</text>%n", tx - 30, y + 16, tolerance));
        s.append("</svg>\n");
        return s.toString();
    }

    private static String rate(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
