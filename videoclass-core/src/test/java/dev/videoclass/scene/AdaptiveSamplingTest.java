package dev.videoclass.scene;

import dev.videoclass.Keyframe;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AdaptiveDetector} through the sampler's passes, chosen with {@link SamplingPolicy#withDetector}. */
class AdaptiveSamplingTest {
    private static final int W = 64;
    private static final int H = 36;
    private static final double FPS = 30;
    private static final SceneSampler SAMPLER = new SceneSampler();
    private static final double[] CLIP_CUTS_S = Arrays.stream(CameraMotion.CLIP_CUTS).mapToDouble(i -> i / FPS).toArray();

    private static SamplingPolicy policy(SamplerMode mode, DetectorKind detector) {
        return SamplingPolicy.DEFAULTS.withMode(mode).withDetector(detector);
    }

    private static FakeFrameSource clip(int[] iframes) {
        return new FakeFrameSource(W, H, FPS, CameraMotion.CLIP_FRAMES, iframes, CameraMotion.clip());
    }

    private static double[] cutTimes(SamplingResult r) {
        return r.cuts().stream().mapToDouble(SceneCut::ptsS).toArray();
    }

    @Test
    void theExactPassFindsTheCutsOfAClipWithCameraMotion() throws VideoException {
        SamplingResult adaptive = SAMPLER.sample(clip(new int[] {0}), policy(SamplerMode.EXACT, DetectorKind.ADAPTIVE));
        assertThat(adaptive.sampler()).isEqualTo("exact");
        assertThat(cutTimes(adaptive)).containsExactly(CLIP_CUTS_S);
        assertThat(adaptive.framesAnalysed()).isEqualTo(CameraMotion.CLIP_FRAMES);
        assertThat(adaptive.keyframes()).hasSize(3);
        for (Keyframe k : adaptive.keyframes()) {
            // the cut is reported two frames late; its frames still belong to the new scene
            assertThat(k.ptsS()).isBetween(k.sceneStartS(), k.sceneEndS());
        }
        SamplingResult content = SAMPLER.sample(clip(new int[] {0}), policy(SamplerMode.EXACT, DetectorKind.CONTENT));
        assertThat(cutTimes(content)).isNotEqualTo(CLIP_CUTS_S);
    }

    @Test
    void autoRefinesAFixedCadenceWithTheAdaptiveDetector() throws VideoException {
        // a key frame every 32 frames, the cuts coded as outsized pictures between them: AUTO decodes
        // 64..90 and 128..150 and compares the key frames 96 and 160 with them
        int[] cadence = FakeFrameSource.every(32, CameraMotion.CLIP_FRAMES);
        FakeFrameSource src = clip(cadence).packets(SceneSamplerTest.packetSizes(cadence, CameraMotion.CLIP_CUTS));
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO, DetectorKind.ADAPTIVE));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(CLIP_CUTS_S);
        assertThat(auto.framesAnalysed()).isEqualTo(cadence.length + 27 + 1 + 23 + 1);
        // the same from a demux pass, decoding no key frame for the rules
        FakeFrameSource demux = clip(cadence).packets(SceneSamplerTest.packetSizes(cadence, CameraMotion.CLIP_CUTS)).demuxAhead();
        SamplingResult fromPackets = SAMPLER.sample(demux, policy(SamplerMode.AUTO, DetectorKind.ADAPTIVE));
        assertThat(fromPackets.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(fromPackets)).containsExactly(CLIP_CUTS_S);
    }

    @Test
    void autoRunsTheExactPassWhenKeyFramesSitAtCuts() throws VideoException {
        // key frames placed at the cuts (as x264 places them): their neighbours are other cuts, so an
        // adaptive comparison among them means nothing; ContentDetector keeps the key-frame result
        int[] atCuts = {0, 90, 150};
        SamplingResult adaptive = SAMPLER.sample(clip(atCuts), policy(SamplerMode.AUTO, DetectorKind.ADAPTIVE));
        assertThat(adaptive.sampler()).isEqualTo("auto:exact");
        assertThat(cutTimes(adaptive)).containsExactly(CLIP_CUTS_S);
        SamplingResult content = SAMPLER.sample(clip(atCuts), policy(SamplerMode.AUTO, DetectorKind.CONTENT));
        assertThat(content.sampler()).isEqualTo("auto:keyframes");
    }

    @Test
    void theKeyframePassComparesEachKeyFrameWithTheKeyFramesAroundIt() throws VideoException {
        // still scenes on a fixed cadence of a key frame every 15 frames: each cut shows at the first
        // key frame after it
        int[] starts = {0, 75, 190, 260, 400, 520};
        int[] cadence = FakeFrameSource.every(15, 600);
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 600, cadence, Synth.scenes(starts));
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.KEYFRAMES, DetectorKind.ADAPTIVE));
        assertThat(r.sampler()).isEqualTo("keyframes");
        assertThat(cutTimes(r)).containsExactly(75 / FPS, 195 / FPS, 270 / FPS, 405 / FPS, 525 / FPS);
        for (Keyframe k : r.keyframes()) {
            assertThat(k.ptsS()).isBetween(k.sceneStartS(), k.sceneEndS());
        }
    }
}
