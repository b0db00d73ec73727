package dev.videoclass;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The verdict on one video, serialised by {@link VerdictJson} as the snake_case JSON of DESIGN
 * section 6. A failed verdict has {@code status = "failed"}, an {@link #error()} and no decision
 * fields ({@code is_explicit} is absent, never false): consumers must check {@link #status()}.
 *
 * @param status        {@code "done"} or {@code "failed"}
 * @param isExplicit    whether the video is explicit (null when failed)
 * @param explicitScore aggregated 0–1 explicit evidence
 * @param qualityScore  0–1 quality
 * @param sceneTags     tag label ids
 * @param scores        aggregated 0–1 score per label
 * @param posterJpeg    poster JPEG bytes (serialised as {@code poster_b64})
 * @param posterWidth   poster width in pixels
 * @param posterHeight  poster height in pixels
 * @param durationS     video duration in seconds
 * @param sampler       how keyframes were found, e.g. {@code "auto:keyframes"}
 * @param aggregator    aggregator id, e.g. {@code "max"}
 * @param inferences    number of frames scored
 * @param keyframes     per-keyframe verdicts in time order
 * @param evidence      keyframe timestamps behind {@code is_explicit} and each tag
 * @param scorer        scorer id and execution provider
 * @param rubric        rubric id and content hash
 * @param video         probe facts
 * @param timingsMs     milliseconds per stage
 * @param error         code and message when failed
 */
public record Verdict(
        String status,
        Boolean isExplicit,
        Double explicitScore,
        Double qualityScore,
        List<String> sceneTags,
        Map<String, Double> scores,
        @JsonIgnore byte[] posterJpeg,
        Integer posterWidth,
        Integer posterHeight,
        Double durationS,
        String sampler,
        String aggregator,
        Integer inferences,
        List<KeyframeVerdict> keyframes,
        Evidence evidence,
        ScorerInfo scorer,
        RubricInfo rubric,
        VideoInfo video,
        Timings timingsMs,
        ErrorInfo error) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** True when the video was classified. */
    @JsonIgnore
    public boolean isDone() {
        return DONE.equals(status);
    }

    /** The poster as base64 (standard alphabet), or null without a poster. */
    @JsonProperty("poster_b64")
    public String posterB64() {
        return posterJpeg == null ? null : Base64.getEncoder().encodeToString(posterJpeg);
    }

    /** The same verdict with another poster (used when a verdict is read back from JSON). */
    public Verdict withPosterJpeg(byte[] jpeg) {
        return new Verdict(status, isExplicit, explicitScore, qualityScore, sceneTags, scores, jpeg, posterWidth,
                posterHeight, durationS, sampler, aggregator, inferences, keyframes, evidence, scorer, rubric, video,
                timingsMs, error);
    }

    /** A failed verdict carrying what is known so far. */
    public static Verdict failed(VideoException e, ScorerInfo scorer, RubricInfo rubric, VideoInfo video,
                                 Timings timings) {
        return new Verdict(FAILED, null, null, null, null, null, null, null, null,
                video == null ? null : video.durationS(), null, null, null, null, null, scorer, rubric, video,
                timings, new ErrorInfo(e.code().code(), e.getMessage()));
    }

    /** Identifies the scorer that produced the scores. */
    public record ScorerInfo(String id, String provider) {
    }

    /** Identifies the rubric: its id and {@link dev.videoclass.rubric.Rubric#contentHash()}. */
    public record RubricInfo(String id, String hash) {
    }

    /** Wall-clock milliseconds: probe (open and checks), decode (sampling and capture), score, total. */
    public record Timings(long probe, long decode, long score, long total) {
    }

    /** Why a verdict failed: a stable {@link ErrorCode} wire value and a one-line message. */
    public record ErrorInfo(String code, String message) {
    }
}
