package dev.videoclass;

import java.util.Objects;

/**
 * The verdict on a still image from the image path: its {@link Judgement} plus identification, in
 * the same snake_case JSON style as {@link Verdict}. A failed verdict carries only its status,
 * error and what is known ({@code judgement}, {@code width} and {@code height} are null). Immutable;
 * made with {@link #done} or {@link #failed}.
 *
 * @param status    done or failed
 * @param judgement scores and decisions (null when failed)
 * @param width     upright image width in pixels (null when failed)
 * @param height    upright image height in pixels (null when failed)
 * @param scorer    scorer id and provider
 * @param rubric    rubric id and hash
 * @param timingsMs decode, score and total milliseconds ({@code probe} is 0)
 * @param error     code and message when failed
 */
public record ImageVerdict(VerdictStatus status, Judgement judgement, Integer width, Integer height,
                           Verdict.ScorerInfo scorer, Verdict.RubricInfo rubric, Verdict.Timings timingsMs,
                           Verdict.ErrorInfo error) {
    public ImageVerdict {
        Objects.requireNonNull(status, "status");
        if ((status == VerdictStatus.DONE) != (judgement != null) || (status == VerdictStatus.FAILED) != (error != null)) {
            throw new IllegalArgumentException("a done image verdict has a judgement, a failed one an error");
        }
    }

    /** A done verdict for an upright picture of {@code width} x {@code height} pixels. */
    public static ImageVerdict done(Judgement judgement, int width, int height, Verdict.ScorerInfo scorer,
                                    Verdict.RubricInfo rubric, Verdict.Timings timings) {
        return new ImageVerdict(VerdictStatus.DONE, judgement, width, height, scorer, rubric, timings, null);
    }

    /** A failed verdict. */
    public static ImageVerdict failed(ErrorCode code, String message, Verdict.ScorerInfo scorer,
                                      Verdict.RubricInfo rubric, Verdict.Timings timings) {
        return new ImageVerdict(VerdictStatus.FAILED, null, null, null, scorer, rubric, timings,
                new Verdict.ErrorInfo(code, message));
    }

    /** True when the image was classified. */
    public boolean isDone() {
        return status == VerdictStatus.DONE;
    }
}
