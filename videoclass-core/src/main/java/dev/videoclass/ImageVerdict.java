package dev.videoclass;

import java.util.List;
import java.util.Map;

/**
 * The verdict on a still image from the image path: the frame verdict plus identification, in the
 * same snake_case JSON style as {@link Verdict}. Failed verdicts carry only status, error and what
 * is known.
 *
 * @param status        {@code "done"} or {@code "failed"}
 * @param scores        0–1 score per label
 * @param explicitScore 0–1 explicit evidence
 * @param isExplicit    the decision (null when failed)
 * @param qualityScore  0–1
 * @param tags          tag label ids reached
 * @param width         upright image width in pixels
 * @param height        upright image height in pixels
 * @param scorer        scorer id and provider
 * @param rubric        rubric id and hash
 * @param timingsMs     decode, score and total milliseconds ({@code probe} is 0)
 * @param error         code and message when failed
 */
public record ImageVerdict(String status, Map<String, Double> scores, Double explicitScore, Boolean isExplicit,
                           Double qualityScore, List<String> tags, Integer width, Integer height,
                           Verdict.ScorerInfo scorer, Verdict.RubricInfo rubric, Verdict.Timings timingsMs,
                           Verdict.ErrorInfo error) {
}
