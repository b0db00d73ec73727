package dev.videoclass.scene.internal;

import dev.videoclass.Frame;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import dev.videoclass.scene.ContentDetector;
import dev.videoclass.scene.FakeFrameSource;
import dev.videoclass.scene.HsvContentScore;
import dev.videoclass.scene.SceneDetector;
import dev.videoclass.scene.Synth;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecodeRunTest {
    private static final int W = 64;
    private static final int H = 36;
    private static final double FPS = 30;
    private static final int DELAY = 10;

    /**
     * Reports a cut {@value #DELAY} frames after its frame, unsettled meanwhile, and drops it at a
     * flush (as a merge still pending is dropped): a detector that decides late.
     */
    private static final class LateDetector implements SceneDetector {
        private final HsvContentScore score = new HsvContentScore();
        private double pending = Double.NaN;
        private int wait;

        @Override
        public SceneCut feed(Frame frame) {
            double s = score.next(frame);
            if (!Double.isNaN(pending) && --wait == 0) {
                SceneCut cut = new SceneCut(pending, 100);
                pending = Double.NaN;
                return cut;
            }
            if (Double.isNaN(pending) && s >= minCutScore()) {
                pending = frame.ptsSeconds();
                wait = DELAY;
            }
            return null;
        }

        @Override
        public double lastScore() {
            return score.score();
        }

        @Override
        public double minCutScore() {
            return ContentDetector.DEFAULT_THRESHOLD;
        }

        @Override
        public int maxDelayFrames() {
            return DELAY;
        }

        @Override
        public boolean settled() {
            return Double.isNaN(pending);
        }

        @Override
        public int contextFrames() {
            return 0;
        }

        @Override
        public void reset() {
            score.reset();
            pending = Double.NaN;
        }

        @Override
        public void resume(boolean cutBefore) {
            reset();
        }

        @Override
        public void skip(long frames) {
        }

        @Override
        public List<SceneCut> flush() {
            pending = Double.NaN;
            return List.of();
        }
    }

    @Test
    void aLegWhoseClosingIFrameDoesNotDecodeStopsBeforeTheNextInterval() throws VideoException {
        // interval 30..60 keeps differing from I-frame 60 (scene 1 from frame 60 on), and the frame
        // at 60 never comes out of the all-frames decode: the run stops at frame 59, as a run
        // without the test does, instead of feeding frame 61 of the next interval as its last frame
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 120, new int[] {0, 30, 60, 90}, Synth.scenes(0, 60))
                .packets(i -> 1000).demuxAhead().losing(60);
        SceneDetector closingDetector = SamplingPolicy.DEFAULTS.detector()
                .create(SamplingPolicy.DEFAULTS, SceneDetector.Stream.KEY_FRAMES, FPS);
        ClosingKeyFrame closing = ClosingKeyFrame.decode(src, 2.0, closingDetector);
        CutList cuts = new CutList();
        SceneDetector frames = SamplingPolicy.DEFAULTS.detector()
                .create(SamplingPolicy.DEFAULTS, SceneDetector.Stream.FRAMES, FPS);
        DecodeRun run = new DecodeRun(src, frames, FPS, cuts, ContentDetector.DEFAULT_THRESHOLD);
        run.restart(false);
        long fed = run.decode(1.0, new DecodeRun.Leg[] {new DecodeRun.Leg(1.0, 2.0, closing)}, null, false);
        assertThat(fed).isEqualTo(30);
        assertThat(run.lastFed()).isCloseTo(59 / FPS, within(1e-9));
        assertThat(cuts.size()).isZero();
    }

    @Test
    void aLegThatStopsWhereItsFramesLookLikeItsClosingIFrameWaitsForALateCut() throws VideoException {
        // one I-frame interval 30..60 whose frames show the closing I-frame's scene from the cut at 45
        // on: the leg stops differing there, but its detector reports the cut 10 frames later
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 90, new int[] {0, 30, 60}, Synth.scenes(0, 45))
                .packets(i -> 1000).demuxAhead();
        SceneDetector closingDetector = SamplingPolicy.DEFAULTS.detector()
                .create(SamplingPolicy.DEFAULTS, SceneDetector.Stream.KEY_FRAMES, FPS);
        ClosingKeyFrame closing = ClosingKeyFrame.decode(src, 2.0, closingDetector);
        assertThat(closing).isNotNull();
        CutList cuts = new CutList();
        DecodeRun run = new DecodeRun(src, new LateDetector(), FPS, cuts, Double.NaN);
        run.restart(false);
        long fed = run.decode(1.0, new DecodeRun.Leg[] {new DecodeRun.Leg(1.0, 2.0, closing)}, null, false);
        run.close();
        assertThat(cuts.spaced(0, 0)).extracting(SceneCut::ptsS).containsExactly(1.5);
        // frames 30..45, then on until the detector has settled, not to the closing I-frame
        assertThat(fed).isBetween(16L + DELAY, 16L + 2L * DELAY).isLessThan(31L);
    }
}
