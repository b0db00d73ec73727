package dev.videoclass.heuristic;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import dev.videoclass.Judgement;
import dev.videoclass.rubric.LabelRole;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.rubric.RubricLabel;
import dev.videoclass.rubric.ScoreMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeuristicScorerTest {

    private static final int S = 256;
    private final HeuristicScorer scorer = new HeuristicScorer();

    private interface Pixel {
        int[] at(int x, int y);
    }

    private static Frame paint(int w, int h, Pixel px) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = px.at(x, y);
                int p = (y * w + x) * 3;
                rgb[p] = (byte) c[0];
                rgb[p + 1] = (byte) c[1];
                rgb[p + 2] = (byte) c[2];
            }
        }
        return new Frame(w, h, rgb, 0);
    }

    private static Frame checkerboard() {
        return paint(S, S, (x, y) -> ((x >> 4) + (y >> 4)) % 2 == 0 ? new int[] {230, 230, 230} : new int[] {25, 25, 25});
    }

    /** Three passes of a separable box blur of radius r (close to a Gaussian). */
    private static Frame blurred(Frame f, int r) {
        int w = f.width();
        int h = f.height();
        int[] a = new int[w * h * 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = f.rgb()[i] & 0xFF;
        }
        for (int pass = 0; pass < 3; pass++) {
            a = box(a, w, h, r, 1);
            a = box(a, w, h, r, 0);
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) a[i];
        }
        return new Frame(w, h, out, f.ptsSeconds());
    }

    /** Box blur of radius {@code r} along x ({@code dx = 1}) or y ({@code dx = 0}), edges clamped. */
    private static int[] box(int[] a, int w, int h, int r, int dx) {
        int[] o = new int[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int k = -r; k <= r; k++) {
                        int xx = Math.min(w - 1, Math.max(0, x + k * dx));
                        int yy = Math.min(h - 1, Math.max(0, y + k * (1 - dx)));
                        sum += a[(yy * w + xx) * 3 + c];
                    }
                    o[(y * w + x) * 3 + c] = Math.round((float) sum / (2 * r + 1));
                }
            }
        }
        return o;
    }

    private double score(Frame f, String label) throws VideoException {
        Rubric r = Rubric.of("t", ScoreMode.DIRECT, List.of(new RubricLabel(label, label, LabelRole.TAG)), 0.5, 0.5);
        return scorer.score(List.of(scorer.prepare(f)), r)[0][0];
    }

    private Judgement verdict(Frame f) throws VideoException {
        Rubric r = scorer.defaultRubric();
        return r.judge(scorer.score(List.of(scorer.prepare(f)), r)[0]);
    }

    @Test
    void sharpCheckerboardBeatsItsBlurredCopy() throws VideoException {
        Frame sharp = checkerboard();
        Frame blur = blurred(sharp, 4);
        assertThat(HeuristicScorer.measure(sharp).sharpness()).isGreaterThan(HeuristicScorer.measure(blur).sharpness() * 10);
        assertThat(score(sharp, "sharp")).isGreaterThan(score(blur, "sharp"));
        assertThat(score(sharp, "sharp")).isGreaterThan(0.9);
        assertThat(verdict(sharp).tags()).doesNotContain("blurry");
        assertThat(verdict(blur).tags()).contains("blurry");
        assertThat(verdict(sharp).qualityScore()).isGreaterThan(verdict(blur).qualityScore());
    }

    @Test
    void nearBlackFrameIsDark() throws VideoException {
        Random rnd = new Random(1);
        Frame black = paint(S, S, (x, y) -> {
            int v = 6 + rnd.nextInt(8);
            return new int[] {v, v, v};
        });
        Judgement v = verdict(black);
        assertThat(v.tags()).contains("dark").doesNotContain("bright");
        assertThat(v.qualityScore()).isLessThan(0.3);
        assertThat(verdict(checkerboard()).tags()).doesNotContain("dark", "bright");
        Frame white = paint(S, S, (x, y) -> new int[] {245, 245, 245});
        assertThat(verdict(white).tags()).contains("bright").doesNotContain("dark");
    }

    @Test
    void saturatedStripesAreColorfulGreyIsNot() throws VideoException {
        int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}, {255, 0, 255}, {0, 255, 255}, {255, 128, 0}, {128, 0, 255}};
        Frame stripes = paint(S, S, (x, y) -> colours[(x / 32) % colours.length]);
        Frame grey = paint(S, S, (x, y) -> ((x >> 4) + (y >> 4)) % 2 == 0 ? new int[] {160, 160, 160} : new int[] {90, 90, 90});
        assertThat(HeuristicScorer.measure(grey).colorfulness()).isZero();
        assertThat(verdict(stripes).tags()).contains("colorful");
        assertThat(verdict(grey).tags()).doesNotContain("colorful");
        assertThat(score(stripes, "colorful")).isGreaterThan(0.95);
        assertThat(score(grey, "colorful")).isLessThan(0.05);
    }

    @Test
    void skinTonesScoreExplicitBlueSkyDoesNot() throws VideoException {
        int[][] tones = {{224, 172, 138}, {198, 134, 66}, {141, 85, 36}, {255, 219, 172}, {232, 190, 172}};
        Frame skin = paint(S, S, (x, y) -> tones[((x / 20) + (y / 20)) % tones.length]);
        Frame sky = paint(S, S, (x, y) -> new int[] {90 + y / 8, 150 + y / 8, 230});
        assertThat(HeuristicScorer.measure(skin).skinRatio()).isGreaterThan(0.9);
        assertThat(HeuristicScorer.measure(sky).skinRatio()).isZero();
        assertThat(score(skin, "explicit")).isGreaterThan(0.95);
        assertThat(score(sky, "explicit")).isLessThan(0.05);
        assertThat(score(sky, "safe")).isGreaterThan(0.95);
        assertThat(verdict(skin).isExplicit()).isTrue();
        assertThat(verdict(sky).isExplicit()).isFalse();
    }

    @Test
    void everyLabelScoresWithinZeroToOne() throws VideoException {
        List<RubricLabel> labels = new ArrayList<>();
        for (String id : HeuristicScorer.KNOWN_LABELS) {
            labels.add(new RubricLabel(id, id, LabelRole.NONE));
        }
        Rubric all = Rubric.of("all", ScoreMode.DIRECT, labels, 0.5, 0.5);
        Random rnd = new Random(3);
        List<Frame> frames = List.of(checkerboard(), blurred(checkerboard(), 3),
                paint(S, S, (x, y) -> new int[] {0, 0, 0}), paint(S, S, (x, y) -> new int[] {255, 255, 255}),
                paint(S, S, (x, y) -> new int[] {rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)}),
                paint(1, 1, (x, y) -> new int[] {224, 172, 138}), paint(2, 5, (x, y) -> new int[] {10, 200, 30}));
        float[][] scores = scorer.score(frames, all);
        assertThat(scores.length).isEqualTo(frames.size());
        for (float[] row : scores) {
            assertThat(row).hasSize(labels.size());
            for (float v : row) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
        assertThat(scorer.score(List.of(), all).length).isZero();
    }

    @Test
    void userRubricMayUseAnySubsetInAnyOrder() throws VideoException {
        Rubric r = Rubric.of("mine", ScoreMode.DIRECT, List.of(
                new RubricLabel("skin", "skin", LabelRole.NONE),
                new RubricLabel("low_contrast", "flat", LabelRole.TAG),
                new RubricLabel("sharp", "sharp", LabelRole.QUALITY_POS)), 0.5, 0.5);
        Frame flat = paint(S, S, (x, y) -> new int[] {120, 120, 120});
        float[] row = scorer.score(List.of(flat), r)[0];
        assertThat(row[0]).isZero();
        assertThat(row[1]).isGreaterThan(0.95f);
        assertThat(row[2]).isLessThan(0.05f);
    }

    @Test
    void unknownLabelFailsWithScorerFailed() {
        Rubric r = Rubric.of("bad", ScoreMode.DIRECT, List.of(
                new RubricLabel("sharp", "sharp", LabelRole.TAG),
                new RubricLabel("beach", "a photo taken at the beach", LabelRole.TAG)), 0.5, 0.5);
        assertThatThrownBy(() -> scorer.score(List.of(checkerboard()), r))
                .isInstanceOfSatisfying(VideoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCORER_FAILED);
                    assertThat(e.getMessage()).contains("'beach'");
                });
    }

    @Test
    void defaultRubricRoundTripsThroughJson() {
        Rubric r = scorer.defaultRubric();
        assertThat(r.id()).isEqualTo("heuristic-v1");
        assertThat(r.mode()).isEqualTo(ScoreMode.DIRECT);
        assertThat(r.labelIds()).containsExactly("explicit", "safe", "quality", "low_quality",
                "dark", "bright", "blurry", "colorful", "low_contrast");
        assertThat(r.labels().get(2).role()).isEqualTo(LabelRole.QUALITY_POS);
        assertThat(r.labels().get(3).role()).isEqualTo(LabelRole.QUALITY_NEG);
        assertThat(r.explicitThreshold()).isEqualTo(0.5);
        assertThat(r.tagThreshold()).isEqualTo(0.5);
        Rubric back = Rubric.parse(r.toJson());
        assertThat(back).isEqualTo(r);
        assertThat(back.contentHash()).isEqualTo(r.contentHash());
    }

    @Test
    void identityAndPreparation() {
        assertThat(scorer.id()).isEqualTo("heuristic-v1");
        assertThat(scorer.executionProvider()).isEqualTo("java");
        Frame big = paint(1000, 500, (x, y) -> new int[] {x % 256, y % 256, 0});
        Frame p = scorer.prepare(big);
        assertThat(p.width()).isEqualTo(384);
        assertThat(p.height()).isEqualTo(192);
        assertThat(big.width()).isEqualTo(1000);
        Frame small = paint(100, 50, (x, y) -> new int[] {0, 0, 0});
        assertThat(scorer.prepare(small).width()).isEqualTo(100);
    }

    @Test
    void laplacianVarianceOfKnownPatterns() {
        Frame flat = paint(16, 16, (x, y) -> new int[] {77, 77, 77});
        assertThat(ImageMeasures.laplacianVariance(flat)).isZero();
        // a one-pixel checker of luma 0/255: the Laplacian is +-1020 everywhere, variance 1020^2
        Frame fine = paint(16, 16, (x, y) -> ((x + y) & 1) == 0 ? new int[] {255, 255, 255} : new int[] {0, 0, 0});
        assertThat(ImageMeasures.laplacianVariance(fine)).isEqualTo(1020.0 * 1020.0);
        assertThat(ImageMeasures.laplacianVariance(paint(2, 9, (x, y) -> new int[] {x * 200, 0, 0}))).isZero();
    }
}
