package dev.videoclass.heuristic;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameScorer;
import dev.videoclass.VideoException;
import dev.videoclass.image.FrameOps;
import dev.videoclass.image.ResampleFilter;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;

import java.util.List;

/**
 * The built-in scorer that needs no model file: classical measurements of a picture mapped to 0–1
 * label scores with smooth logistic curves. Use it as the default, for tests, and where a learned
 * model is not available; it is no substitute for one.
 *
 * <p><b>Pipeline.</b> {@link #prepare} shrinks a frame so that its long side is at most
 * {@value #PREPARE_SIDE} pixels ({@link FrameOps#fitLongSide} with {@link ResampleFilter#BOX}; the
 * image path calls the same method). {@link #score} then measures each prepared frame in two passes
 * (one fused pass over the RGB bytes, one over the luma plane for the Laplacian) and returns, per
 * rubric label, a score already in 0–1: use it with a {@link ScoreMode#DIRECT} rubric such as
 * {@link #defaultRubric()}.
 *
 * <p><b>Measurements</b> (see {@link Measurements}): luma is BT.601 on full-range RGB, 0–255.
 * <ul>
 *   <li>sharpness: variance of the 3x3 Laplacian of the luma (squared luma units);</li>
 *   <li>exposure: mean luma;</li>
 *   <li>contrast: standard deviation of the luma;</li>
 *   <li>colourfulness: Hasler and Süsstrunk's metric
 *       {@code sqrt(sd(rg)^2 + sd(yb)^2) + 0.3 * sqrt(mean(rg)^2 + mean(yb)^2)} with
 *       {@code rg = R - G}, {@code yb = (R + G) / 2 - B} (0 for grey; about 33 "moderately", 59 "quite",
 *       82 "highly colourful" on their scale);</li>
 *   <li>skin ratio: share of pixels inside the classic YCbCr skin box {@code 77 <= Cb <= 127},
 *       {@code 133 <= Cr <= 173} (JPEG full-range YCbCr), counting only pixels with
 *       {@code 40 <= Y <= 250}, where chroma is meaningful.</li>
 * </ul>
 *
 * <p><b>Labels</b> (recognised by id; any subset in any order; roles come from the rubric). With
 * {@code L(x) = 1 / (1 + exp(-x))}:
 * <ul>
 *   <li>{@code sharp} = {@code L((ln(1 + sharpness) - ln 120) / 0.6)}: 0.5 at a Laplacian variance of
 *       120, 0.05 at 20, 0.95 at 700. {@code blurry} = 1 − sharp.</li>
 *   <li>{@code dark} = {@code L((50 - meanLuma) / 8)}; {@code bright} = {@code L((meanLuma - 205) / 8)}.</li>
 *   <li>{@code low_contrast} = {@code L((25 - lumaStd) / 6)} (natural photos have a luma standard
 *       deviation of 45–75).</li>
 *   <li>{@code colorful} = {@code L((colourfulness - 40) / 8)}: 0.5 between "moderately" and
 *       "averagely" colourful.</li>
 *   <li>{@code skin} = the skin ratio itself.</li>
 *   <li>{@code explicit} = {@code L((skinRatio - 0.35) / 0.06)}: 0.5 when about a third of the picture
 *       is skin-coloured. <b>This is a crude skin-tone heuristic</b>: it flags close-ups of faces,
 *       hands, sand, wood and warm light, and misses anything not skin-coloured. Production
 *       explicitness decisions need a learned model (the ONNX scorer).</li>
 *   <li>{@code safe} = 1 − explicit.</li>
 *   <li>{@code quality} = {@code sharp^0.5 * exposure^0.3 * (1 - low_contrast)^0.2} with
 *       {@code exposure = (1 - dark) * (1 - bright)}: a weighted geometric mean, so any one bad
 *       aspect pulls it down, sharpness most. {@code low_quality} = 1 − quality.</li>
 * </ul>
 * Each curve is centred so that 0.5 is the natural decision point, which is why the default
 * rubric uses 0.5 for both thresholds. An unknown label id fails with {@link ErrorCode#SCORER_FAILED}.
 *
 * <p>Stateless and thread safe; allocates one luma plane per frame and no per-pixel objects.
 */
public final class HeuristicScorer implements FrameScorer {

    /** Long side of prepared frames, pixels. */
    public static final int PREPARE_SIDE = 384;
    /** Scorer and default rubric id. */
    public static final String ID = "heuristic-v1";

    /** Label ids this scorer knows. */
    public static final List<String> KNOWN_LABELS = List.of("explicit", "safe", "quality", "low_quality",
            "sharp", "blurry", "dark", "bright", "colorful", "low_contrast", "skin");

    private static final Rubric DEFAULT_RUBRIC = Rubric.of(ID, ScoreMode.DIRECT, List.of(
            new RubricLabel("explicit", "skin-tone heuristic: a large share of skin-coloured pixels (not a learned model)",
                    LabelRole.EXPLICIT),
            new RubricLabel("safe", "complement of the skin-tone heuristic", LabelRole.SAFE),
            new RubricLabel("quality", "sharp, well-exposed, contrasty picture", LabelRole.QUALITY_POS),
            new RubricLabel("low_quality", "blurry, badly exposed or flat picture", LabelRole.QUALITY_NEG),
            new RubricLabel("dark", "mean luma well below mid-grey", LabelRole.TAG),
            new RubricLabel("bright", "mean luma close to white", LabelRole.TAG),
            new RubricLabel("blurry", "little high-frequency detail (low Laplacian variance)", LabelRole.TAG),
            new RubricLabel("colorful", "high Hasler-Suesstrunk colourfulness", LabelRole.TAG),
            new RubricLabel("low_contrast", "low luma standard deviation", LabelRole.TAG)),
            0.5, 0.5);

    /**
     * What the scorer measured on one prepared frame.
     *
     * @param sharpness     variance of the 3x3 Laplacian of the luma, squared luma units (0 = flat)
     * @param meanLuma      mean BT.601 luma, 0–255
     * @param lumaStd       standard deviation of the luma, 0–127.5
     * @param colorfulness  Hasler–Süsstrunk colourfulness, 0 for grey, roughly 0–150
     * @param skinRatio     share of pixels in the YCbCr skin box, 0–1
     */
    public record Measurements(double sharpness, double meanLuma, double lumaStd, double colorfulness,
                               double skinRatio) {
    }

    /** Creates the scorer; it holds no state. */
    public HeuristicScorer() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String executionProvider() {
        return "java";
    }

    /**
     * {@code heuristic-v1}, mode {@code direct}: explicit (explicit), safe (safe), quality
     * (quality_pos), low_quality (quality_neg) and the tags dark, bright, blurry, colorful,
     * low_contrast; explicit and tag thresholds 0.5, the midpoints of the score curves.
     */
    @Override
    public Rubric defaultRubric() {
        return DEFAULT_RUBRIC;
    }

    /** The frame shrunk to a long side of at most {@value #PREPARE_SIDE} pixels with a box filter (itself when it fits). */
    @Override
    public Frame prepare(Frame frame) {
        return FrameOps.fitLongSide(frame, PREPARE_SIDE, ResampleFilter.BOX);
    }

    @Override
    public float[][] score(List<Frame> prepared, Rubric rubric) throws VideoException {
        List<String> ids = rubric.labelIds();
        for (String id : ids) {
            if (!KNOWN_LABELS.contains(id)) {
                throw new VideoException(ErrorCode.SCORER_FAILED, "the heuristic scorer has no label '" + id
                        + "' (rubric '" + rubric.id() + "'); it knows " + String.join(", ", KNOWN_LABELS));
            }
        }
        float[][] out = new float[prepared.size()][];
        for (int f = 0; f < prepared.size(); f++) {
            Measurements m = measure(prepared.get(f));
            float[] row = new float[ids.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) labelScore(ids.get(i), m);
            }
            out[f] = row;
        }
        return out;
    }

    /** Measures one frame (any size; {@link #score} measures prepared frames). */
    public static Measurements measure(Frame frame) {
        int n = frame.pixelCount();
        byte[] src = frame.rgb();
        byte[] luma = new byte[n];
        long sumY = 0;
        long sumY2 = 0;
        long sumRg = 0;
        long sumRg2 = 0;
        long sumYb = 0; // of 2 * yb = R + G - 2B, kept integral
        long sumYb2 = 0;
        int skin = 0;
        for (int i = 0, p = 0; i < n; i++, p += 3) {
            int r = src[p] & 0xFF;
            int g = src[p + 1] & 0xFF;
            int b = src[p + 2] & 0xFF;
            int y = ImageMeasures.luma(r, g, b);
            luma[i] = (byte) y;
            sumY += y;
            sumY2 += y * y;
            int rg = r - g;
            int yb2 = r + g - 2 * b;
            sumRg += rg;
            sumRg2 += rg * rg;
            sumYb += yb2;
            sumYb2 += yb2 * yb2;
            if (y >= 40 && y <= 250) {
                int cb = (-43 * r - 85 * g + 128 * b + 32896) >> 8;
                int cr = (128 * r - 107 * g - 21 * b + 32896) >> 8;
                if (cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173) {
                    skin++;
                }
            }
        }
        double meanY = (double) sumY / n;
        double varY = Math.max(0.0, (double) sumY2 / n - meanY * meanY);
        double meanRg = (double) sumRg / n;
        double varRg = Math.max(0.0, (double) sumRg2 / n - meanRg * meanRg);
        double meanYb = (double) sumYb / n / 2.0;
        double varYb = Math.max(0.0, (double) sumYb2 / n / 4.0 - meanYb * meanYb);
        double colorfulness = Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
        double sharpness = ImageMeasures.laplacianVarianceOfLuma(luma, frame.width(), frame.height());
        return new Measurements(sharpness, meanY, Math.sqrt(varY), colorfulness, (double) skin / n);
    }

    /** The 0–1 score of a known label id for the measurements (curves in the class comment). */
    public static double labelScore(String id, Measurements m) {
        return switch (id) {
            case "explicit" -> explicit(m);
            case "safe" -> 1.0 - explicit(m);
            case "quality" -> quality(m);
            case "low_quality" -> 1.0 - quality(m);
            case "sharp" -> sharp(m);
            case "blurry" -> 1.0 - sharp(m);
            case "dark" -> dark(m);
            case "bright" -> bright(m);
            case "colorful" -> logistic((m.colorfulness() - 40.0) / 8.0);
            case "low_contrast" -> lowContrast(m);
            case "skin" -> m.skinRatio();
            default -> throw new IllegalArgumentException("unknown heuristic label '" + id + "'");
        };
    }

    private static double explicit(Measurements m) {
        return logistic((m.skinRatio() - 0.35) / 0.06);
    }

    private static double sharp(Measurements m) {
        return logistic((Math.log1p(m.sharpness()) - Math.log(120.0)) / 0.6);
    }

    private static double dark(Measurements m) {
        return logistic((50.0 - m.meanLuma()) / 8.0);
    }

    private static double bright(Measurements m) {
        return logistic((m.meanLuma() - 205.0) / 8.0);
    }

    private static double lowContrast(Measurements m) {
        return logistic((25.0 - m.lumaStd()) / 6.0);
    }

    private static double quality(Measurements m) {
        double exposure = (1.0 - dark(m)) * (1.0 - bright(m));
        return Math.pow(sharp(m), 0.5) * Math.pow(exposure, 0.3) * Math.pow(1.0 - lowContrast(m), 0.2);
    }

    private static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
