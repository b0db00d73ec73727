package dev.videoclass.calibrate;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a calibration run, written as {@code calibration.json} (snake_case). Immutable.
 *
 * @param passed        true when no tolerance was breached
 * @param maxScoreDelta the largest |image score − video score| over every label, picture and encoding (0–1)
 * @param tolerances    the settings the run was held to
 * @param scorer        scorer id and execution provider
 * @param rubric        rubric id and content hash
 * @param pixelParity   one row per picture and encoding
 * @param decisions     agreement with the manifest and false-positive rates
 * @param thresholds    precision and recall across thresholds, per label
 * @param breaches      one line per breach: item, label, delta and tolerance
 */
public record CalibrationReport(boolean passed, double maxScoreDelta, Tolerances tolerances, Map<String, String> scorer,
                                Map<String, String> rubric, List<PixelParity> pixelParity, Decisions decisions,
                                List<LabelThresholds> thresholds, List<String> breaches) {

    /** The tolerances applied (0–1 each). */
    public record Tolerances(double maxScoreDelta, double minAgreement, double fprBand, double targetFpr) {
    }

    /**
     * A picture against its video encoding.
     *
     * @param item           the picture's file name
     * @param encoding       how it was encoded ({@link PhoneEncoding#id()})
     * @param maxDelta       the largest per-label |Δscore| over the video's keyframes
     * @param worstLabel     the label of {@code maxDelta}
     * @param deltas         the largest |Δscore| per label
     * @param verdictsAgree  whether every keyframe's frame verdict (explicit, tags) equals the picture's
     */
    public record PixelParity(String item, String encoding, double maxDelta, String worstLabel,
                              Map<String, Double> deltas, boolean verdictsAgree) {
    }

    /**
     * Decisions against the manifest's labels.
     *
     * @param items              labelled items judged
     * @param explicitAgreement  share of items whose {@code is_explicit} equals the label
     * @param tagAgreement       share of (item, tag label) decisions that match the manifest
     * @param agreement          share of all decisions (explicit and tags) that match
     * @param imageFpr           false-positive rate of explicit on the safe pictures (image path), or null without any
     * @param keyframeFpr        false-positive rate of single keyframes of the safe videos, or null without any
     * @param videoFpr           false-positive rate of MAX over the keyframes of the safe videos, or null without any
     * @param singlePictureFpr   the reference for the band: {@code imageFpr}, else {@code keyframeFpr}
     * @param fprByMaxKeyframes  video false-positive rate per {@code [1,max]} keyframe band
     * @param perItem            each item's decision
     */
    public record Decisions(int items, double explicitAgreement, double tagAgreement, double agreement, Double imageFpr,
                            Double keyframeFpr, Double videoFpr, Double singlePictureFpr,
                            Map<String, Double> fprByMaxKeyframes, List<ItemDecision> perItem) {
    }

    /** One item's labels against its verdict; {@code scores} are the verdict's 0–1 label scores (MAX over keyframes for a video). */
    public record ItemDecision(String item, String kind, boolean labelExplicit, Boolean isExplicit, double explicitScore,
                               List<String> labelTags, List<String> tags, Map<String, Double> scores, String error) {
    }

    /** Precision and recall of one label across thresholds, and the threshold meeting the target false-positive rate. */
    public record LabelThresholds(String label, int positives, int negatives, List<ThresholdPoint> points,
                                  Double thresholdForTargetFpr) {
    }

    /** One threshold's confusion rates (null where undefined). */
    public record ThresholdPoint(double threshold, Double precision, Double recall, Double fpr) {
    }
}
