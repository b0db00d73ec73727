package dev.videoclass;

import dev.videoclass.spi.FrameEmbedder;
import dev.videoclass.spi.FrameScorer;
import dev.videoclass.image.Images;
import dev.videoclass.rubric.Rubric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The image path: judges a still picture with exactly the scorer, rubric and verdict mapping that
 * {@link VideoClassifier} applies to each keyframe — the only difference is where the pixels come
 * from. Obtain one from {@link VideoClassifier#images()} (shares its scorer) or build one around a
 * scorer. Thread safe when the scorer is.
 */
public final class ImageClassifier {
    private final FrameScorer scorer;
    private final Rubric rubric;
    private final Limits limits;
    private final Verdict.ScorerInfo scorerInfo;
    /** Built on first use: hashing the rubric is the first use of Jackson in a process (~0.15 s). */
    private volatile Verdict.RubricInfo rubricInfo;

    /**
     * @param scorer the scorer (not closed by this class)
     * @param rubric the rubric, or null for the scorer's default
     * @param limits size and pixel limits, or null for the defaults
     */
    public ImageClassifier(FrameScorer scorer, Rubric rubric, Limits limits) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.rubric = scorer.bind(rubric == null ? scorer.defaultRubric() : rubric);
        this.limits = limits == null ? Limits.DEFAULTS : limits;
        this.scorerInfo = new Verdict.ScorerInfo(scorer.id(), scorer.executionProvider());
    }

    /** The rubric applied. */
    public Rubric rubric() {
        return rubric;
    }

    /**
     * Judges an upright RGB picture: {@code scorer.prepare}, one scoring call, the rubric's
     * normalisation and frame-verdict mapping. This is the function both paths share.
     */
    public Judgement judge(Frame upright) throws VideoException {
        return judgeAll(List.of(scorer.prepare(upright))).get(0);
    }

    /** Judges prepared frames in one scorer batch (used by the video path for its keyframes). */
    List<Judgement> judgeAll(List<Frame> prepared) throws VideoException {
        return judgements(call(() -> scorer.score(prepared, rubric)), prepared.size());
    }

    /**
     * Judges prepared frames and embeds them, from one pass of the scorer's model.
     *
     * @return the judgements and one unit embedding per frame
     */
    Embedded judgeAndEmbed(FrameEmbedder embedder, List<Frame> prepared) throws VideoException {
        FrameEmbedder.ScoredBatch batch = call(() -> embedder.scoreAndEmbed(prepared, rubric));
        float[][] vectors = batch == null ? null : batch.embeddings();
        int n = prepared.size();
        if (vectors == null || vectors.length != n
                || Arrays.stream(vectors).anyMatch(v -> v == null || v.length == 0 || v.length != vectors[0].length)) {
            throw new VideoException(ErrorCode.SCORER_FAILED, "scorer " + scorer.id() + " returned no embedding of one size"
                    + " for each of " + n + " frames");
        }
        return new Embedded(judgements(batch.scores(), n), vectors);
    }

    /** Judgements and the embeddings of the same frames, in frame order. */
    record Embedded(List<Judgement> judgements, float[][] embeddings) {
    }

    /** The scorer's result, its failures as {@link ErrorCode#SCORER_FAILED}. */
    private <T> T call(ScorerCall<T> call) throws VideoException {
        try {
            return call.run();
        } catch (VideoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VideoException(ErrorCode.SCORER_FAILED, "scorer " + scorer.id() + " failed: " + e, e);
        }
    }

    private interface ScorerCall<T> {
        T run() throws VideoException;
    }

    /** The rubric's judgement of each row of raw scores, after checking their shape. */
    private List<Judgement> judgements(float[][] raw, int frames) throws VideoException {
        if (raw == null || raw.length != frames) {
            throw new VideoException(ErrorCode.SCORER_FAILED, "scorer " + scorer.id() + " returned "
                    + (raw == null ? "nothing" : raw.length + " rows") + " for " + frames + " frames");
        }
        Judgement[] out = new Judgement[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == null || raw[i].length != rubric.labels().size()) {
                throw new VideoException(ErrorCode.SCORER_FAILED, "scorer " + scorer.id() + " returned "
                        + (raw[i] == null ? 0 : raw[i].length) + " scores for " + rubric.labels().size() + " rubric labels");
            }
            out[i] = rubric.judge(raw[i]);
        }
        return List.of(out);
    }

    FrameScorer scorer() {
        return scorer;
    }

    /** Judges an encoded image (JPEG, PNG, BMP, GIF). Never throws: failures are failed verdicts. */
    public ImageVerdict classify(byte[] encoded) {
        long t0 = System.nanoTime();
        try {
            if (encoded.length > limits.maxBytes()) {
                throw new VideoException(ErrorCode.TOO_LARGE, "the image has " + encoded.length
                        + " bytes, more than the limit of " + limits.maxBytes());
            }
            Frame frame = Images.decode(encoded, limits.maxPixels());
            long t1 = System.nanoTime();
            Judgement j = judge(frame);
            long t2 = System.nanoTime();
            return ImageVerdict.done(j, frame.width(), frame.height(), scorerInfo(), rubricInfo(),
                    new Verdict.Timings(0, ms(t1 - t0), ms(t2 - t1), ms(t2 - t0)));
        } catch (VideoException e) {
            return failed(e, t0);
        } catch (RuntimeException | LinkageError e) {
            return failed(new VideoException(ErrorCode.INTERNAL, "unexpected " + e, e), t0);
        }
    }

    /** Reads and judges an image file. Never throws. */
    public ImageVerdict classify(Path file) {
        try {
            return classify(Files.readAllBytes(file));
        } catch (IOException e) {
            return failed(new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "cannot read " + file + ": " + e.getMessage(), e),
                    System.nanoTime());
        }
    }

    private ImageVerdict failed(VideoException e, long t0) {
        long total = ms(System.nanoTime() - t0);
        return ImageVerdict.failed(e.code(), e.getMessage(), scorerInfo(), rubricInfo(), new Verdict.Timings(0, 0, 0, total));
    }

    /** The scorer (id and execution provider) as verdicts name it. */
    public Verdict.ScorerInfo scorerInfo() {
        return scorerInfo;
    }

    /** The bound rubric (id and content hash) as verdicts name it. */
    public Verdict.RubricInfo rubricInfo() {
        Verdict.RubricInfo info = rubricInfo;
        if (info == null) {
            // idempotent: two threads racing here compute the same value
            info = new Verdict.RubricInfo(rubric.id(), rubric.contentHash());
            rubricInfo = info;
        }
        return info;
    }

    static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
