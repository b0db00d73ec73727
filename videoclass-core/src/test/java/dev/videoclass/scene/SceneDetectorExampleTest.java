package dev.videoclass.scene;

import dev.videoclass.Frame;
import dev.videoclass.spi.KeyframeSampler;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector of {@link SceneDetector}'s Javadoc example, plugged into the sampler. */
class SceneDetectorExampleTest {

    static final class BrightnessJump implements SceneDetector {
        private final HsvContentScore score = new HsvContentScore();
        private final FlashFilter filter = new FlashFilter(FlashFilter.Mode.SUPPRESS, 15);

        public SceneCut feed(Frame frame) {
            score.next(frame);
            return filter.filter(frame.ptsSeconds(), score.score(), score.deltaVal() >= 40);
        }
        public double lastScore()   { return score.score(); }
        public double minCutScore() { return 40.0 / 3; } // a jump of 40 in V alone
        public int maxDelayFrames() { return 0; }        // SUPPRESS reports a cut at its frame
        public int contextFrames()  { return 0; }        // judges each frame against the one before
        public void reset()         { score.reset(); filter.reset(); }
        public void resume(boolean cutBefore) { score.reset(); filter.resume(cutBefore); }
        public void skip(long frames)         { filter.skip(frames); }
        public List<SceneCut> flush()         { return List.of(); }
    }

    @Test
    void aPluggedInDetectorDecidesTheCuts() throws VideoException {
        // grey 60 until frame 50, red of the same brightness until 100, grey 200 after: only the
        // brightness jump at 100 is a cut for this detector (ContentDetector cuts at 50 and 100)
        FakeFrameSource.Painter painter = (index, rgb, w, h) -> {
            int[] c = index < 50 ? new int[] {60, 60, 60} : index < 100 ? new int[] {60, 0, 0} : new int[] {200, 200, 200};
            Synth.textured(rgb, w, h, c, index, 5);
        };
        KeyframeSampler sampler = new SceneSampler((policy, stream, fps) -> new BrightnessJump());
        SamplingPolicy exact = SamplingPolicy.DEFAULTS.withMode(SamplerMode.EXACT);
        SamplingResult r = sampler.sample(new FakeFrameSource(48, 27, 30, 150, new int[] {0}, painter), exact);
        assertThat(r.cuts()).extracting(SceneCut::ptsS).containsExactly(100 / 30.0);
        SamplingResult content = new SceneSampler().sample(new FakeFrameSource(48, 27, 30, 150, new int[] {0}, painter), exact);
        assertThat(content.cuts()).extracting(SceneCut::ptsS).containsExactly(50 / 30.0, 100 / 30.0);
    }
}
