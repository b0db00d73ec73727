package dev.videoclass.scene;

import dev.videoclass.Frame;
import dev.videoclass.SceneCut;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ContentDetectorTest {

    private static final int W = 32;
    private static final int H = 24;

    private static int hue(int packed) {
        return packed >> 16 & 0xFF;
    }

    private static int sat(int packed) {
        return packed >> 8 & 0xFF;
    }

    private static int val(int packed) {
        return packed & 0xFF;
    }

    /** Textbook HSV in floating point, scaled like OpenCV's 8-bit output (H/2, S*255, V). */
    private static double[] referenceHsv(int r, int g, int b) {
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double d = max - min;
        double hDeg;
        if (d == 0) {
            hDeg = 0;
        } else if (max == r) {
            hDeg = 60 * (g - b) / d;
        } else if (max == g) {
            hDeg = 120 + 60 * (b - r) / d;
        } else {
            hDeg = 240 + 60 * (r - g) / d;
        }
        if (hDeg < 0) {
            hDeg += 360;
        }
        double s = max == 0 ? 0 : 255 * d / max;
        return new double[] {hDeg / 2, s, max};
    }

    @Test
    void primariesConvertLikeOpenCv() {
        int red = HsvContentScore.hsv(255, 0, 0);
        int green = HsvContentScore.hsv(0, 255, 0);
        int blue = HsvContentScore.hsv(0, 0, 255);
        assertThat(new int[] {hue(red), sat(red), val(red)}).containsExactly(0, 255, 255);
        assertThat(new int[] {hue(green), sat(green), val(green)}).containsExactly(60, 255, 255);
        assertThat(new int[] {hue(blue), sat(blue), val(blue)}).containsExactly(120, 255, 255);
        int grey = HsvContentScore.hsv(128, 128, 128);
        assertThat(new int[] {hue(grey), sat(grey), val(grey)}).containsExactly(0, 0, 128);
    }

    @Test
    void conversionMatchesFloatingPointReferenceWithinRounding() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20000; i++) {
            int r = rnd.nextInt(256);
            int g = rnd.nextInt(256);
            int b = rnd.nextInt(256);
            int c = HsvContentScore.hsv(r, g, b);
            double[] ref = referenceHsv(r, g, b);
            double dh = Math.abs(hue(c) - ref[0]);
            dh = Math.min(dh, 180 - dh); // hue wraps
            assertThat(dh).as("hue of %d,%d,%d", r, g, b).isLessThanOrEqualTo(1.0);
            assertThat((double) sat(c)).as("sat of %d,%d,%d", r, g, b).isCloseTo(ref[1], within(1.0));
            assertThat((double) val(c)).isEqualTo(ref[2]);
        }
    }

    @Test
    void contentValueOfKnownPairs() {
        Frame red = Synth.solid(W, H, 255, 0, 0, 0);
        Frame blue = Synth.solid(W, H, 0, 0, 255, 0);
        Frame black = Synth.solid(W, H, 0, 0, 0, 0);
        Frame white = Synth.solid(W, H, 255, 255, 255, 0);
        // red -> blue: |0-120| hue, no saturation or value change: (120 + 0 + 0) / 3
        assertThat(HsvContentScore.contentValue(red, blue)).isEqualTo(40.0);
        // black -> white: only V changes by 255
        assertThat(HsvContentScore.contentValue(black, white)).isEqualTo(85.0);
        // red -> black: S and V drop by 255, hue stays 0
        assertThat(HsvContentScore.contentValue(red, black)).isEqualTo(170.0);
    }

    @Test
    void contentValueAveragesOverPixelsAndChannels() {
        // half the pixels turn from red to blue: mean |dH| = 60, so the value is 20
        Frame red = Synth.solid(W, H, 255, 0, 0, 0);
        Frame half = Synth.solid(W, H, 255, 0, 0, 0);
        for (int i = 0; i < W * H / 2; i++) {
            half.rgb()[3 * i] = 0;
            half.rgb()[3 * i + 2] = (byte) 255;
        }
        ContentDetector d = new ContentDetector();
        d.feed(red);
        d.feed(half);
        assertThat(d.lastScore()).isEqualTo(20.0);
        assertThat(d.lastDeltaHue()).isEqualTo(60.0);
        assertThat(d.lastDeltaSat()).isZero();
        assertThat(d.lastDeltaVal()).isZero();
    }

    /** Feeds solid frames whose colour is given per index, returns the cuts (frame index of the pts). */
    private static List<SceneCut> run(ContentDetector d, int[][] colours, double fps) {
        List<SceneCut> cuts = new ArrayList<>();
        byte[] rgb = new byte[W * H * 3]; // reused between calls, as a decoder does
        for (int i = 0; i < colours.length; i++) {
            Synth.fill(rgb, W * H, colours[i][0], colours[i][1], colours[i][2]);
            SceneCut c = d.feed(new Frame(W, H, rgb, i / fps));
            if (c != null) {
                cuts.add(c);
            }
        }
        return cuts;
    }

    /** Colour sequence: scene colour k from frame starts[k] on. */
    private static int[][] sequence(int length, int[] starts, int[][] colours) {
        int[][] out = new int[length][];
        int k = 0;
        for (int i = 0; i < length; i++) {
            while (k + 1 < starts.length && starts[k + 1] <= i) {
                k++;
            }
            out[i] = colours[k];
        }
        return out;
    }

    /** Red, blue, white, green, black: every step in this order is a change far above 27. */
    private static final int[][] RGBW = {{255, 0, 0}, {0, 0, 255}, {255, 255, 255}, {0, 255, 0}, {0, 0, 0}};
    private static final int RED = 0;
    private static final int WHITE = 2;

    @Test
    void cutsAtTheFirstFrameOfEachNewScene() {
        int[][] seq = sequence(120, new int[] {0, 30, 70, 100}, RGBW);
        List<SceneCut> cuts = run(new ContentDetector(), seq, 30);
        assertThat(cuts).extracting(SceneCut::ptsS).containsExactly(1.0, 70 / 30.0, 100 / 30.0);
        assertThat(cuts.get(0).strength()).isEqualTo(40.0);   // red -> blue
        assertThat(cuts.get(2).strength()).isGreaterThanOrEqualTo(27.0);
    }

    @Test
    void firstSceneMustLastMinSceneLenFrames() {
        // a cut at frame 14 is too early (frames 0..13 would be a 14-frame scene); at 15 it is allowed
        assertThat(run(new ContentDetector(), sequence(60, new int[] {0, 14}, RGBW), 30)).isEmpty();
        assertThat(run(new ContentDetector(), sequence(60, new int[] {0, 15}, RGBW), 30))
                .extracting(SceneCut::ptsS).containsExactly(0.5);
    }

    @Test
    void closeSecondCutIsMergedAway() {
        // cut at 20 reported; the one 8 frames later is within min_scene_len and merged (not reported)
        List<SceneCut> cuts = run(new ContentDetector(), sequence(80, new int[] {0, 20, 28}, RGBW), 30);
        assertThat(cuts).extracting(SceneCut::ptsS).containsExactly(20 / 30.0);
    }

    @Test
    void flashGivesOneCut() {
        // red scene, a 2-frame white flash at 40, back to red: PySceneDetect's MERGE reports only 40
        int[][] seq = new int[90][];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = i == 40 || i == 41 ? RGBW[WHITE] : RGBW[RED];
        }
        assertThat(run(new ContentDetector(), seq, 30)).extracting(SceneCut::ptsS).containsExactly(40 / 30.0);
    }

    @Test
    void longRunOfFastCutsIsMergedIntoOneLateCutReportedLater() {
        // cut at 30; then fast cuts at 40, 45, 50, 55 (a run spanning 15 frames): one cut at 55,
        // reported when frame 70 (55 + 15) arrives
        int[][] colours = {RGBW[0], RGBW[1], RGBW[2], RGBW[3], RGBW[4], RGBW[1]};
        int[][] seq = sequence(100, new int[] {0, 30, 40, 45, 50, 55}, colours);
        ContentDetector d = new ContentDetector();
        byte[] rgb = new byte[W * H * 3];
        List<int[]> reported = new ArrayList<>(); // {frame index fed, cut frame index}
        for (int i = 0; i < seq.length; i++) {
            Synth.fill(rgb, W * H, seq[i][0], seq[i][1], seq[i][2]);
            SceneCut c = d.feed(new Frame(W, H, rgb, i / 30.0));
            if (c != null) {
                reported.add(new int[] {i, (int) Math.round(c.ptsS() * 30)});
            }
        }
        assertThat(reported).containsExactly(new int[] {30, 30}, new int[] {70, 55});
    }

    /** Colours that change every frame (each step far above threshold). */
    private static int[][] busy(int length) {
        int[][] out = new int[length][];
        for (int i = 0; i < length; i++) {
            out[i] = RGBW[i % 4];
        }
        return out;
    }

    private static int[][] concat(int[][] a, int[][] b) {
        int[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[][] still(int length, int[] colour) {
        int[][] out = new int[length][];
        java.util.Arrays.fill(out, colour);
        return out;
    }

    @Test
    void flushResolvesAPendingMergeOnlyWhenTheLastFrameIsQuiet() {
        // cut at 30, fast cuts 40..55 (a merge spanning 15 frames), calm frames up to 62: the merge
        // needs calm frames up to 70, so nothing yet; more calm content would give 55
        int[][] seq = sequence(63, new int[] {0, 30, 40, 45, 50, 55}, new int[][] {RGBW[0], RGBW[1], RGBW[2],
                RGBW[3], RGBW[4], RGBW[1]});
        ContentDetector d = new ContentDetector();
        assertThat(run(d, seq, 30)).extracting(SceneCut::ptsS).containsExactly(1.0);
        List<SceneCut> c = d.flush();
        assertThat(c).hasSize(1);
        assertThat(c.get(0).ptsS()).isEqualTo(55 / 30.0);
        assertThat(d.flush()).isEmpty(); // resolved once
        // the same stopping inside the busy stretch: it goes on, nothing to report
        ContentDetector busy = new ContentDetector();
        run(busy, concat(still(30, RGBW[0]), busy(30)), 30);
        assertThat(busy.flush()).isEmpty();
    }

    @Test
    void aResumedDetectorGuessesTheFramesBeforeFromItsFirstComparison() {
        // resumed inside a busy stretch after an earlier cut: merging from the start, no cut at the
        // first changing frame; the stretch ends at 40, reported once 15 calm frames follow
        ContentDetector d = new ContentDetector();
        d.resume(true);
        int[][] seq = concat(busy(40), still(30, RGBW[4]));
        assertThat(run(d, seq, 30)).extracting(SceneCut::ptsS).containsExactly(40 / 30.0);
        // resumed in calm content: a cut 3 frames in is a cut (the minimum length is taken as met)
        ContentDetector calm = new ContentDetector();
        calm.resume(false);
        assertThat(run(calm, concat(still(3, RGBW[0]), still(30, RGBW[1])), 30))
                .extracting(SceneCut::ptsS).containsExactly(3 / 30.0);
        // a fresh detector counts the minimum length from its first frame instead
        assertThat(run(new ContentDetector(), concat(still(3, RGBW[0]), still(30, RGBW[1])), 30)).isEmpty();
        // skipped frames count towards the minimum length
        ContentDetector skipping = new ContentDetector();
        List<SceneCut> first = run(skipping, concat(still(20, RGBW[0]), still(5, RGBW[1])), 30);
        assertThat(first).extracting(SceneCut::ptsS).containsExactly(20 / 30.0);
        skipping.skip(20);
        byte[] rgb = new byte[W * H * 3];
        Synth.fill(rgb, W * H, 255, 255, 255);
        assertThat(skipping.feed(new Frame(W, H, rgb, 45 / 30.0))).isNotNull();
    }

    @Test
    void suppressModeIgnoresCutsUntilMinLengthSinceLastCut() {
        int[][] seq = sequence(80, new int[] {0, 20, 28, 40}, RGBW);
        List<SceneCut> cuts = run(new ContentDetector(27, 15, FlashFilter.Mode.SUPPRESS), seq, 30);
        assertThat(cuts).extracting(SceneCut::ptsS).containsExactly(20 / 30.0, 40 / 30.0);
    }

    @Test
    void thresholdIsInclusive() {
        int[][] seq = sequence(40, new int[] {0, 20}, RGBW); // red -> blue: exactly 40
        assertThat(run(new ContentDetector(40.0, 15), seq, 30)).hasSize(1);
        assertThat(run(new ContentDetector(40.0001, 15), seq, 30)).isEmpty();
    }

    @Test
    void minSceneLengthInSecondsOnSparseFrames() {
        // I-frame-like stream: frames 0.0, 0.3, 2.0, 2.4, 5.0 s, every one a different colour
        double[] pts = {0.0, 0.3, 2.0, 2.4, 5.0};
        ContentDetector d = ContentDetector.inSeconds(27, 0.5, FlashFilter.Mode.SUPPRESS);
        List<Double> cuts = new ArrayList<>();
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < pts.length; i++) {
            int[] c = RGBW[i % RGBW.length];
            Synth.fill(rgb, W * H, c[0], c[1], c[2]);
            SceneCut cut = d.feed(new Frame(W, H, rgb, pts[i]));
            if (cut != null) {
                cuts.add(cut.ptsS());
            }
        }
        assertThat(cuts).containsExactly(2.0, 5.0);
    }

    @Test
    void sizeChangeRestartsComparison() {
        ContentDetector d = new ContentDetector(27, 0);
        assertThat(d.feed(Synth.solid(W, H, 255, 0, 0, 0))).isNull();
        assertThat(d.feed(Synth.solid(W / 2, H / 2, 0, 0, 255, 0.1))).isNull();
        assertThat(d.lastScore()).isZero();
        assertThat(d.feed(Synth.solid(W / 2, H / 2, 255, 0, 0, 0.2))).isNotNull();
    }

    @Test
    void slowMotionWithinASceneStaysBelowThreshold() {
        byte[] a = new byte[64 * 48 * 3];
        byte[] b = new byte[64 * 48 * 3];
        Synth.textured(a, 64, 48, Synth.PALETTE[0], 0, 10);
        Synth.textured(b, 64, 48, Synth.PALETTE[0], 1, 10);
        double v = HsvContentScore.contentValue(new Frame(64, 48, a, 0), new Frame(64, 48, b, 0));
        assertThat(v).isGreaterThan(0).isLessThan(10);
        // and neighbouring palette colours are far apart
        for (int k = 0; k + 1 < Synth.PALETTE.length; k++) {
            Synth.textured(b, 64, 48, Synth.PALETTE[k + 1], 1, 10);
            Synth.textured(a, 64, 48, Synth.PALETTE[k], 0, 10);
            assertThat(HsvContentScore.contentValue(new Frame(64, 48, a, 0), new Frame(64, 48, b, 0)))
                    .as("palette %d -> %d", k, k + 1).isGreaterThan(30);
        }
    }
}
