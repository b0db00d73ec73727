package dev.videoclass.scene;

import dev.videoclass.Frame;
import dev.videoclass.SceneCut;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveDetectorTest {

    private static final int W = 32;
    private static final int H = 18;
    private static final double FPS = 30;

    /**
     * Grey frames whose consecutive content values are {@code scores[i]} exactly: grey pixels have
     * hue and saturation 0, so a brightness step of d gives a content value of d / 3. The first
     * frame is mid-grey; each step goes towards the farther end, so steps up to 127 stay in range.
     */
    private static Frame[] greySteps(double... scores) {
        Frame[] out = new Frame[scores.length + 1];
        int level = 128;
        out[0] = Synth.solid(W, H, level, level, level, 0);
        for (int i = 0; i < scores.length; i++) {
            int step = (int) Math.round(scores[i] * 3);
            assertThat(step).isLessThanOrEqualTo(127);
            level = level >= 128 ? level - step : level + step;
            out[i + 1] = Synth.solid(W, H, level, level, level, (i + 1) / FPS);
        }
        return out;
    }

    /** Feeds the frames; returns {frame index fed, cut frame index} per cut. */
    private static List<int[]> run(SceneDetector d, Frame[] frames) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            SceneCut c = d.feed(frames[i]);
            if (c != null) {
                out.add(new int[] {i, (int) Math.round(c.ptsS() * FPS)});
            }
        }
        return out;
    }

    private static double[] repeat(double v, int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    /** {@code scores} with {@code value} at index {@code at} (the frame index {@code at + 1}). */
    private static double[] with(double[] scores, int at, double value) {
        double[] out = scores.clone();
        out[at] = value;
        return out;
    }

    @Test
    void aCutIsAFrameThatStandsOutFromTheWindowAroundItReportedWindowFramesLater() {
        // steady change of 10 per frame, one frame of 30 at frame 31: ratio exactly 3, value 30 >= 15
        Frame[] f = greySteps(with(repeat(10, 60), 30, 30));
        AdaptiveDetector d = new AdaptiveDetector();
        assertThat(run(d, f)).containsExactly(new int[] {33, 31});
        // the same frame at 29.67: ratio 2.97, no cut
        assertThat(run(new AdaptiveDetector(), greySteps(with(repeat(10, 60), 30, 29.67)))).isEmpty();
        // a wider window: reported later
        assertThat(run(new AdaptiveDetector(3.0, 4, 15.0, 15), f)).containsExactly(new int[] {35, 31});
    }

    @Test
    void theRatioIsCappedAndAZeroWindowNeedsOnlyTheMinimumContentValue() {
        // still frames around one change of 15: the neighbours' mean is 0, ratio 255
        AdaptiveDetector d = new AdaptiveDetector();
        assertThat(run(d, greySteps(with(repeat(0, 60), 30, 15)))).containsExactly(new int[] {33, 31});
        assertThat(d.lastRatio()).isZero(); // the frames after it: nothing changes around nothing
        // 14.67: below the minimum content value, however much it stands out
        assertThat(run(new AdaptiveDetector(), greySteps(with(repeat(0, 60), 30, 14.67)))).isEmpty();
        assertThat(run(new AdaptiveDetector(), greySteps(with(repeat(1, 60), 30, 14.67)))).isEmpty();
        // 40 against a window mean of 1/12 is 480, capped at 255
        AdaptiveDetector capped = new AdaptiveDetector();
        Frame[] f = greySteps(with(with(repeat(0, 60), 29, 1.0 / 3), 30, 40));
        for (int i = 0; i <= 33; i++) {
            capped.feed(f[i]);
        }
        assertThat(capped.lastRatio()).isEqualTo(255.0);
    }

    @Test
    void theMinimumSceneLengthCountsFromTheFirstFrameToTheFrameThatCompletesTheWindow() {
        // PySceneDetect compares the newest frame (the candidate plus the window) with the last cut,
        // the first frame at the start: with 15 frames and a window of 2 the first cut can be frame 13
        assertThat(run(new AdaptiveDetector(), greySteps(with(repeat(0, 40), 12, 40))))
                .containsExactly(new int[] {15, 13});
        assertThat(run(new AdaptiveDetector(), greySteps(with(repeat(0, 40), 11, 40)))).isEmpty();
        // after a cut at 20 the next one can be at 33 (35 - 20 >= 15), not at 32
        double[] two = with(with(repeat(0, 60), 19, 40), 32, 40);
        assertThat(run(new AdaptiveDetector(), greySteps(two))).extracting(c -> c[1]).containsExactly(20, 33);
        double[] tooClose = with(with(repeat(0, 60), 19, 40), 31, 40);
        assertThat(run(new AdaptiveDetector(), greySteps(tooClose))).extracting(c -> c[1]).containsExactly(20);
    }

    @Test
    void theFirstAndLastWindowFramesAreNeverCuts() {
        AdaptiveDetector noMinimum = new AdaptiveDetector(3.0, 2, 15.0, 0);
        // a change at frame 1 (its window would reach before the first frame) and at the last frame
        assertThat(run(noMinimum, greySteps(with(with(repeat(0, 30), 0, 40), 29, 40)))).isEmpty();
        // frame 2 is the first one judged; the first frame's content value, 0, is in its window
        assertThat(run(new AdaptiveDetector(3.0, 2, 15.0, 0), greySteps(with(repeat(0, 30), 1, 40))))
                .containsExactly(new int[] {4, 2});
    }

    @Test
    void cameraMotionIsNoCutForAdaptiveDetectorButIsForContentDetector() {
        FakeFrameSource.Painter clip = CameraMotion.clip();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < CameraMotion.CLIP_FRAMES; i++) {
            byte[] rgb = new byte[64 * 36 * 3];
            clip.paint(i, rgb, 64, 36);
            frames.add(new Frame(64, 36, rgb, i / FPS));
        }
        Frame[] f = frames.toArray(new Frame[0]);
        assertThat(run(new AdaptiveDetector(), f)).extracting(c -> c[1]).containsExactly(CameraMotion.CLIP_CUTS[0],
                CameraMotion.CLIP_CUTS[1]);
        // ContentDetector cuts where the pan and the zoom speed up past its threshold after a still
        // stretch, and merges away the cut into the panning third scene
        List<Integer> content = run(new ContentDetector(), f).stream().map(c -> c[1]).toList();
        assertThat(content).contains(CameraMotion.CLIP_CUTS[0]).doesNotContain(CameraMotion.CLIP_CUTS[1]);
        assertThat(content).anySatisfy(c -> assertThat(c).isBetween(21, CameraMotion.CLIP_CUTS[0] - 1));
        assertThat(content).anySatisfy(c -> assertThat(c).isBetween(CameraMotion.CLIP_CUTS[0] + 21,
                CameraMotion.CLIP_CUTS[1] - 1));
    }

    @Test
    void aResumedStreamJudgesItsFirstFramesOnTheNeighboursItHas() {
        // a stretch decoded from a key frame, changing at its second frame
        Frame[] f = greySteps(with(repeat(2, 20), 0, 40));
        // from a stream's start frame 1 is never judged
        assertThat(run(new AdaptiveDetector(3.0, 2, 15.0, 0), f)).isEmpty();
        // resumed: frame 0 has no content value and stays out of every window; frame 1 is judged on
        // the two after it, and the minimum length counts as met
        AdaptiveDetector resumed = new AdaptiveDetector();
        resumed.resume(true);
        assertThat(run(resumed, f)).containsExactly(new int[] {3, 1});
    }

    @Test
    void flushJudgesTheFramesStillWaitingForLaterNeighbours() {
        // a cut on the last frame fed, and on the one before it
        AdaptiveDetector last = new AdaptiveDetector();
        assertThat(run(last, greySteps(with(repeat(3, 30), 29, 40)))).isEmpty();
        assertThat(last.flush()).extracting(SceneCut::ptsS).containsExactly(30 / FPS);
        assertThat(last.flush()).isEmpty(); // judged once
        AdaptiveDetector second = new AdaptiveDetector();
        assertThat(run(second, greySteps(with(repeat(3, 30), 28, 40)))).isEmpty();
        assertThat(second.flush()).extracting(SceneCut::ptsS).containsExactly(29 / FPS);
        // a busy stretch that goes on: nothing stands out
        AdaptiveDetector busy = new AdaptiveDetector();
        run(busy, greySteps(repeat(40, 30)));
        assertThat(busy.flush()).isEmpty();
    }

    @Test
    void skippedFramesCountTowardsTheMinimumLengthInFramesAndSecondsCountToTheCandidate() {
        // changes at frames 20 and 33; frames 25 to 29 not fed
        Frame[] f = greySteps(with(with(repeat(0, 45), 19, 40), 32, 40));
        AdaptiveDetector skipping = new AdaptiveDetector();
        AdaptiveDetector notSkipping = new AdaptiveDetector();
        List<Double> withSkip = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            if (i >= 25 && i < 30) {
                continue;
            }
            if (i == 30) {
                skipping.skip(5);
            }
            SceneCut a = skipping.feed(f[i]);
            SceneCut b = notSkipping.feed(f[i]);
            if (a != null) {
                withSkip.add((double) Math.round(a.ptsS() * FPS));
            }
            if (b != null) {
                without.add((double) Math.round(b.ptsS() * FPS));
            }
        }
        // 33 is judged when frame 35 comes, 15 frames after the cut at 20 only with the skipped ones
        assertThat(withSkip).containsExactly(20.0, 33.0);
        assertThat(without).containsExactly(20.0);
        // key frames a second apart, minimum length 2 s: the change at 4 s is 1 s after the cut at
        // 3 s and dropped (though its window reaches 6 s), the one at 7 s is a cut
        AdaptiveDetector seconds = AdaptiveDetector.inSeconds(3.0, 2, 15.0, 2.0);
        int[] levels = {128, 128, 128, 248, 128, 128, 128, 248, 248, 248};
        List<Double> at = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            SceneCut c = seconds.feed(Synth.solid(W, H, levels[i], levels[i], levels[i], i));
            if (c != null) {
                at.add(c.ptsS());
            }
        }
        assertThat(at).containsExactly(3.0, 7.0);
    }

    @Test
    void contextAndDelayAreTheWindow() {
        AdaptiveDetector d = new AdaptiveDetector(3.0, 4, 15.0, 15);
        assertThat(d.contextFrames()).isEqualTo(4);
        assertThat(d.maxDelayFrames()).isEqualTo(4);
        assertThat(d.minCutScore()).isEqualTo(15.0);
        assertThat(new ContentDetector().contextFrames()).isZero();
        assertThat(new ContentDetector().minCutScore()).isEqualTo(ContentDetector.DEFAULT_THRESHOLD);
    }
}
