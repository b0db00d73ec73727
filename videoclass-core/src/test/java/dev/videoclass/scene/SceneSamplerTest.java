package dev.videoclass.scene;

import dev.videoclass.ErrorCode;
import dev.videoclass.Keyframe;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import dev.videoclass.scene.internal.IntervalRules;
import dev.videoclass.scene.internal.SceneTracker;
import dev.videoclass.scene.internal.SparseKeyDecoder;
import dev.videoclass.scene.internal.SuspectPackets;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SceneSamplerTest {

    private static final int W = 64;
    private static final int H = 36;
    private static final double FPS = 30;
    private static final SceneSampler SAMPLER = new SceneSampler();

    /** Scene starts (frame indices) of a 20 s clip with five cuts at irregular places. */
    private static final int[] STARTS = {0, 75, 190, 260, 400, 520};
    private static final int COUNT = 600;

    private static SamplingPolicy policy(SamplerMode mode) {
        return SamplingPolicy.DEFAULTS.withMode(mode);
    }

    private static FakeFrameSource video(int[] iframes) {
        return new FakeFrameSource(W, H, FPS, COUNT, iframes, Synth.scenes(STARTS));
    }

    private static double[] expectedCuts() {
        return Arrays.stream(STARTS).skip(1).mapToDouble(i -> i / FPS).toArray();
    }

    private static double[] cutTimes(SamplingResult r) {
        return r.cuts().stream().mapToDouble(SceneCut::ptsS).toArray();
    }

    @Test
    void exactFindsEveryCutAtItsFirstFrame() throws VideoException {
        FakeFrameSource src = video(new int[] {0});
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.EXACT));
        assertThat(r.sampler()).isEqualTo("exact");
        assertThat(cutTimes(r)).containsExactly(expectedCuts());
        assertThat(r.framesAnalysed()).isEqualTo(COUNT);
        assertThat(r.durationS()).isEqualTo(20.0);
        assertThat(r.keyframes()).hasSize(6);
        // one keyframe per scene, inside it, past the skip window
        for (int k = 0; k < 6; k++) {
            Keyframe kf = r.keyframes().get(k);
            assertThat(kf.sceneStartS()).isCloseTo(k == 0 ? 0 : STARTS[k] / FPS, within(1e-9));
            assertThat(kf.sceneEndS()).isCloseTo(k + 1 < STARTS.length ? STARTS[k + 1] / FPS : 20.0, within(1e-9));
            assertThat(kf.ptsS()).isGreaterThanOrEqualTo(kf.sceneStartS() + SceneTracker.SKIP_AFTER_CUT_S - 1e-9)
                    .isLessThan(kf.sceneEndS());
        }
    }

    @Test
    void keyframesModeComparesOnlyIFrames() throws VideoException {
        // I-frames at each cut plus a couple in the middle of long scenes
        int[] iframes = {0, 75, 150, 190, 260, 330, 400, 520};
        FakeFrameSource src = video(iframes);
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.KEYFRAMES));
        assertThat(r.sampler()).isEqualTo("keyframes");
        assertThat(cutTimes(r)).containsExactly(expectedCuts());
        assertThat(r.framesAnalysed()).isEqualTo(iframes.length);
        assertThat(src.framesDecoded()).isEqualTo(iframes.length);
        // representatives are I-frames
        for (Keyframe kf : r.keyframes()) {
            int idx = (int) Math.round(kf.ptsS() * FPS);
            assertThat(iframes).contains(idx);
        }
    }

    @Test
    void keyframesModeAppliesMinSceneLengthInSeconds() throws VideoException {
        // cuts at 75 and 80: 5 frames apart (< 15 frames = 0.5 s at 30 fps), so 80 is suppressed
        int[] starts = {0, 75, 80, 300};
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 400, new int[] {0, 75, 80, 300}, Synth.scenes(starts));
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.KEYFRAMES));
        assertThat(cutTimes(r)).containsExactly(2.5, 10.0);
    }

    @Test
    void autoKeepsKeyframeResultWhenIFramesSitAtCuts() throws VideoException {
        int[] iframes = {0, 75, 190, 260, 400, 520};
        FakeFrameSource exactSrc = video(iframes);
        SamplingResult exact = SAMPLER.sample(exactSrc, policy(SamplerMode.EXACT));
        FakeFrameSource autoSrc = video(iframes);
        SamplingResult auto = SAMPLER.sample(autoSrc, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:keyframes");
        assertWithin(cutTimes(auto), cutTimes(exact), 0.12);
        assertThat(autoSrc.framesDecoded() * 5).isLessThan(exactSrc.framesDecoded());
    }

    @Test
    void autoRefinesShortFixedCadenceToTheExactFrame() throws VideoException {
        int[] iframes = FakeFrameSource.every(30, COUNT); // one per second, cuts between them
        FakeFrameSource exactSrc = video(iframes);
        SamplingResult exact = SAMPLER.sample(exactSrc, policy(SamplerMode.EXACT));
        FakeFrameSource autoSrc = video(iframes);
        SamplingResult auto = SAMPLER.sample(autoSrc, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(expectedCuts());
        assertWithin(cutTimes(auto), cutTimes(exact), 0.12);
        // 20 I-frames plus five 31-frame intervals, against 600 frames
        assertThat(autoSrc.framesDecoded()).isLessThan(exactSrc.framesDecoded() / 3);
        assertThat(auto.keyframes()).hasSize(6);
        for (int k = 0; k < 6; k++) {
            Keyframe kf = auto.keyframes().get(k);
            assertThat(kf.ptsS()).isBetween(kf.sceneStartS(), kf.sceneEndS());
        }
    }

    @Test
    void autoRunsExactPassOnLongFixedCadence() throws VideoException {
        int[] iframes = FakeFrameSource.every(150, COUNT); // every 5 s
        FakeFrameSource src = video(iframes);
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(r.sampler()).isEqualTo("auto:exact");
        assertThat(cutTimes(r)).containsExactly(expectedCuts());
        assertThat(r.framesAnalysed()).isEqualTo(COUNT + iframes.length);
    }

    @Test
    void autoRunsExactPassWithASingleIFrameInALongVideo() throws VideoException {
        FakeFrameSource src = video(new int[] {0});
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(r.sampler()).isEqualTo("auto:exact");
        assertThat(cutTimes(r)).containsExactly(expectedCuts());
    }

    @Test
    void autoTrustsTheSingleIFrameOfAShortClip() throws VideoException {
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 45, new int[] {0}, Synth.scenes(0));
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(r.sampler()).isEqualTo("auto:keyframes");
        assertThat(r.keyframes()).hasSize(1);
        assertThat(src.framesDecoded()).isEqualTo(1);
    }

    /**
     * Packet sizes of an encoder with B-frames: key packets 5000 bytes, every fourth picture a
     * 600-byte P-frame, 150-250-byte B-frames between, and 3000 bytes for each frame in {@code intra}
     * (a cut coded as an intra picture without the key flag).
     */
    static IntUnaryOperator packetSizes(int[] iframes, int... intra) {
        return i -> Arrays.binarySearch(iframes, i) >= 0 ? 5000
                : IntStream.of(intra).anyMatch(x -> x == i) ? 3000
                : i % 4 == 0 ? 600 : 150 + 50 * (i % 3);
    }

    @Test
    void autoFindsACutCodedWithoutAKeyFrameFromItsPacketSize() throws VideoException {
        // I-frames at every cut but the one at frame 190, which the encoder coded as a big non-key picture
        int[] iframes = {0, 75, 260, 400, 520};
        FakeFrameSource blind = video(iframes);
        SamplingResult before = SAMPLER.sample(blind, policy(SamplerMode.AUTO));
        assertThat(before.sampler()).isEqualTo("auto:keyframes");
        assertThat(cutTimes(before)).hasSize(4).doesNotContain(190 / FPS); // what AUTO did without packets

        FakeFrameSource exactSrc = video(iframes);
        SamplingResult exact = SAMPLER.sample(exactSrc, policy(SamplerMode.EXACT));
        FakeFrameSource autoSrc = video(iframes).packets(packetSizes(iframes, 190));
        SamplingResult auto = SAMPLER.sample(autoSrc, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(expectedCuts());
        assertWithin(cutTimes(auto), cutTimes(exact), 0.12);
        // 5 I-frames, frames 75..190 of the suspect interval, and I-frame 260 compared with frame 190
        assertThat(auto.framesAnalysed()).isEqualTo(5 + 116 + 1);
        assertThat(autoSrc.framesDecoded()).isLessThan(exactSrc.framesDecoded() / 3);
        assertThat(auto.keyframes()).hasSize(6);
        for (Keyframe kf : auto.keyframes()) {
            assertThat(kf.ptsS()).isBetween(kf.sceneStartS(), kf.sceneEndS());
        }
    }

    @Test
    void autoDecodesNothingMoreWhenNoPacketStandsOut() throws VideoException {
        int[] iframes = {0, 75, 190, 260, 400, 520};
        FakeFrameSource src = video(iframes).packets(packetSizes(iframes));
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(r.sampler()).isEqualTo("auto:keyframes");
        assertThat(cutTimes(r)).containsExactly(expectedCuts());
        assertThat(src.framesDecoded()).isEqualTo(iframes.length);
        assertThat(src.packetsRead()).hasSize(COUNT);
        // tiny packets in static content: a 5x spike of a 1-byte picture is below the floor (5.76 bytes
        // at 0.02 bits per pixel of 64x36), though it passes the other two tests
        FakeFrameSource still = new FakeFrameSource(W, H, FPS, 300, new int[] {0, 130, 170}, Synth.scenes(0))
                .packets(i -> i == 0 || i == 130 || i == 170 ? 12 : i == 70 ? 5 : 1);
        assertThat(SuspectPackets.find(still.packetsRead(), still.info())).isEmpty();
        SamplingResult s = SAMPLER.sample(still, policy(SamplerMode.AUTO));
        assertThat(s.sampler()).isEqualTo("auto:keyframes");
        assertThat(still.framesDecoded()).isEqualTo(3);
    }

    @Test
    void aShortClipWithOneKeyFrameAndAHiddenCutTakesTheExactPass() throws VideoException {
        // 2 s, one I-frame at 0, a cut at frame 30 coded as a big non-key picture
        int[] iframes = {0};
        FakeFrameSource.Painter painter = awayAndBack(30, 60, 60);
        FakeFrameSource withCut = new FakeFrameSource(W, H, FPS, 60, iframes, painter, 2.0)
                .packets(packetSizes(iframes, 30));
        SamplingResult r = SAMPLER.sample(withCut, policy(SamplerMode.AUTO));
        assertThat(r.sampler()).isEqualTo("auto:exact");
        assertThat(cutTimes(r)).containsExactly(30 / FPS);
        // the same clip whose packets show nothing keeps its single key frame
        FakeFrameSource quiet = new FakeFrameSource(W, H, FPS, 60, iframes, awayAndBack(60, 60, 60), 2.0)
                .packets(packetSizes(iframes));
        SamplingResult q = SAMPLER.sample(quiet, policy(SamplerMode.AUTO));
        assertThat(q.sampler()).isEqualTo("auto:keyframes");
        assertThat(quiet.framesDecoded()).isEqualTo(1);
    }

    /** Scene colours by frame: A up to {@code b0}, B from {@code b0} to {@code b1}, A again, then C from {@code c}. */
    private static FakeFrameSource.Painter awayAndBack(int b0, int b1, int c) {
        return (index, rgb, w, h) -> {
            int[] colour = index >= c ? Synth.PALETTE[3] : index >= b0 && index < b1 ? Synth.PALETTE[1] : Synth.PALETTE[0];
            Synth.textured(rgb, w, h, colour, index, 10);
        };
    }

    @Test
    void autoFindsASceneBetweenTwoSimilarIFramesByItsPackets() throws VideoException {
        // irregular I-frames; the scene 100..150 lies inside the interval 40..250 whose ends both show A
        int[] iframes = {0, 40, 250, 300, 420};
        FakeFrameSource.Painter painter = awayAndBack(100, 150, 300);
        FakeFrameSource exactSrc = new FakeFrameSource(W, H, FPS, 450, iframes, painter);
        SamplingResult exact = SAMPLER.sample(exactSrc, policy(SamplerMode.EXACT));
        assertThat(cutTimes(exact)).containsExactly(100 / FPS, 150 / FPS, 300 / FPS);
        FakeFrameSource autoSrc = new FakeFrameSource(W, H, FPS, 450, iframes, painter)
                .packets(packetSizes(iframes, 100, 150));
        SamplingResult auto = SAMPLER.sample(autoSrc, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact));
        // 5 I-frames, frames 40..150, and I-frame 250 compared with frame 150
        assertThat(auto.framesAnalysed()).isEqualTo(5 + 111 + 1);

        // the same with a fixed 1.6 s cadence (48 frames: the texture repeats, so I-frames of one scene
        // look alike), where the keyframe comparison alone saw nothing of the scene 60..85. With packet
        // data only intervals with suspects are decoded, so the cut at 300 (not on a key frame) is an
        // intra picture too, as an encoder codes it
        int[] cadence = FakeFrameSource.every(48, 450);
        FakeFrameSource.Painter inside = awayAndBack(60, 85, 300);
        FakeFrameSource fixed = new FakeFrameSource(W, H, FPS, 450, cadence, inside)
                .packets(packetSizes(cadence, 60, 85, 300));
        SamplingResult r = SAMPLER.sample(fixed, policy(SamplerMode.AUTO));
        assertThat(r.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(r)).containsExactly(60 / FPS, 85 / FPS, 300 / FPS);
        FakeFrameSource withoutPackets = new FakeFrameSource(W, H, FPS, 450, cadence, inside);
        SamplingResult blind = SAMPLER.sample(withoutPackets, policy(SamplerMode.AUTO));
        assertThat(blind.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(blind)).containsExactly(300 / FPS);
    }

    @Test
    void autoOnAFixedCadenceWithPacketsDecodesOnlyIntervalsWithEvidenceOfACut() throws VideoException {
        // a brightness ramp (a zoom or pan: every I-frame interval changes, no frame reaches the
        // threshold) up to frame 100, then cuts at 100 and 205, neither on the 1 s key cadence
        int[] cadence = FakeFrameSource.every(30, 300);
        FakeFrameSource.Painter painter = (index, rgb, w, h) -> {
            if (index < 100) {
                int v = 10 + 2 * index;
                Synth.textured(rgb, w, h, new int[] {v, v, v}, index, 10);
            } else {
                Synth.textured(rgb, w, h, Synth.PALETTE[index < 205 ? 1 : 2], index, 10);
            }
        };
        // premise: the ramp's I-frames differ by more than REFINE_CANDIDATE_FACTOR x threshold
        byte[] a = new byte[W * H * 3];
        byte[] b = new byte[W * H * 3];
        painter.paint(30, a, W, H);
        painter.paint(60, b, W, H);
        assertThat(HsvContentScore.contentValue(new dev.videoclass.Frame(W, H, a, 1), new dev.videoclass.Frame(W, H, b, 2)))
                .isGreaterThan(IntervalRules.REFINE_CANDIDATE_FACTOR * ContentDetector.DEFAULT_THRESHOLD);
        SamplingResult exact = SAMPLER.sample(new FakeFrameSource(W, H, FPS, 300, cadence, painter),
                policy(SamplerMode.EXACT));
        assertThat(cutTimes(exact)).containsExactly(100 / FPS, 205 / FPS);

        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 300, cadence, painter)
                .packets(packetSizes(cadence, 100, 205));
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact));
        // 10 I-frames, frames 90..100 and 180..205 up to the suspects, I-frames 120 and 210 compared
        // with them; none of the ramp's intervals
        assertThat(auto.framesAnalysed()).isEqualTo(10 + 11 + 1 + 26 + 1);

        // without packet data (the old rule, kept): the ramp's changed intervals are decoded as well
        FakeFrameSource blind = new FakeFrameSource(W, H, FPS, 300, cadence, painter);
        SamplingResult old = SAMPLER.sample(blind, policy(SamplerMode.AUTO));
        assertThat(old.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(old)).containsExactly(cutTimes(exact));
        assertThat(old.framesAnalysed()).isGreaterThan(auto.framesAnalysed() + 60);
    }

    /** Calm scene 0 up to {@code busy}, then a new colour every frame up to {@code calm} (or the end), then calm scene 8. */
    private static FakeFrameSource.Painter busyStretch(int busy, int calm) {
        return (index, rgb, w, h) -> {
            int[] c = index < busy ? Synth.PALETTE[0] : index < calm ? Synth.PALETTE[1 + (index + 2) % 7] : Synth.PALETTE[8];
            Synth.textured(rgb, w, h, c, index, 10);
        };
    }

    /**
     * Packets of {@link #busyStretch}: key pictures 5000 bytes in calm content and 20000 in busy
     * content, predicted pictures 600/150-250 and 8000; {@code intra} frames 3x the busy ones.
     */
    private static IntUnaryOperator busyPackets(int[] iframes, int busy, int calm, int... intra) {
        return i -> {
            boolean isBusy = i >= busy && i < calm;
            if (Arrays.binarySearch(iframes, i) >= 0) {
                return isBusy ? 20000 : 5000;
            }
            if (IntStream.of(intra).anyMatch(x -> x == i)) {
                return 30000;
            }
            if (i == calm) {
                return 3000; // the cut into calm content: an intra picture, but smaller than the busy ones
            }
            return isBusy ? 8000 : i % 4 == 0 ? 600 : 150 + 50 * (i % 3);
        };
    }

    @Test
    void autoRefinedRunsMergeABusyStretchAsExactDoes() throws VideoException {
        int[] cadence = FakeFrameSource.every(30, COUNT);
        // busy from 190 to 350: exact reports 190, merges the busy frames and, once the calm scene has
        // lasted 15 frames, reports the merge's last above-threshold frame, 350
        FakeFrameSource.Painter painter = busyStretch(190, 350);
        SamplingResult exact = SAMPLER.sample(new FakeFrameSource(W, H, FPS, COUNT, cadence, painter),
                policy(SamplerMode.EXACT));
        assertThat(cutTimes(exact)).containsExactly(190 / FPS, 350 / FPS);
        // the cut at 190 has an outsized packet; the one at 350 is found from the key sizes (20000 ->
        // 5000); the busy intervals between change but hold no suspect and are not decoded. The run
        // 330..360 starts busy (merging, no cut at its start) and ends 10 frames into the calm scene,
        // where the pending merge is resolved as more calm frames would resolve it
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, COUNT, cadence, painter)
                .packets(busyPackets(cadence, 190, 350));
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact));
        assertThat(auto.framesAnalysed()).isEqualTo(20 + 31 + 31);
    }

    @Test
    void autoInventsNoCutInABusyStretchThatRunsToTheEnd() throws VideoException {
        int[] cadence = FakeFrameSource.every(30, COUNT);
        FakeFrameSource.Painter painter = busyStretch(190, COUNT);
        SamplingResult exact = SAMPLER.sample(new FakeFrameSource(W, H, FPS, COUNT, cadence, painter),
                policy(SamplerMode.EXACT));
        assertThat(cutTimes(exact)).containsExactly(190 / FPS); // the merge pending at the end is dropped
        // an outsized packet at 280 inside the busy stretch: its run starts busy and finds no cut;
        // the run 180..210 ends busy, where a pending merge is not resolved
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, COUNT, cadence, painter)
                .packets(busyPackets(cadence, 190, COUNT, 280));
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact));
        // 20 I-frames, 180..210, 270..280 and I-frame 300 compared with frame 280
        assertThat(auto.framesAnalysed()).isEqualTo(20 + 31 + 11 + 1);
    }

    @Test
    void autoStopsRefiningAtTheFirstSilentCut() throws VideoException {
        // x264/x265 defaults: the first GOP runs 250 frames (keyint=250: its closing I-frame is
        // placed by the count, so the GOP is decoded in full), and the encoder gave its cut at frame
        // 75 neither a key frame nor a packet that stands out
        int count = 900;
        int[] starts = {0, 75, 250, 400, 520, 700, 850};
        int[] iframes = {0, 250, 400, 520, 700, 850};
        FakeFrameSource exactSrc = new FakeFrameSource(W, H, FPS, count, iframes, Synth.scenes(starts));
        SamplingResult exact = SAMPLER.sample(exactSrc, policy(SamplerMode.EXACT));
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, count, iframes, Synth.scenes(starts))
                .packets(packetSizes(iframes));
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        // the silent cut shows that cuts hide from both signals here: the exact pass decides
        assertThat(auto.sampler()).isEqualTo("auto:exact");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact)).hasSize(6);
        // the 6 I-frames, the refinement up to the frame that completed the silent cut (frame 75, at
        // most the detector's delay later; not the whole 250-frame GOP), then every frame
        int delay = SamplingPolicy.DEFAULTS.detector()
                .create(policy(SamplerMode.AUTO), SceneDetector.Stream.FRAMES, FPS).maxDelayFrames();
        long refined = auto.framesAnalysed() - iframes.length - count;
        assertThat(refined).isBetween(76L, 76L + delay);
    }

    @Test
    void autoDecodesAChangedIntervalOnlyUntilItsFramesLookLikeItsClosingIFrame() throws VideoException {
        // x264/x265 defaults: the first GOP runs 250 frames and its closing I-frame, placed by the
        // count, shows scene B, which starts at frame 75 (an intra picture there); the I-frames at
        // 400 and 520 sit at cuts
        int count = 600;
        int[] starts = {0, 75, 400, 520};
        int[] iframes = {0, 250, 400, 520};
        SamplingResult exact = SAMPLER.sample(new FakeFrameSource(W, H, FPS, count, iframes, Synth.scenes(starts)),
                policy(SamplerMode.EXACT));
        assertThat(cutTimes(exact)).containsExactly(75 / FPS, 400 / FPS, 520 / FPS);
        int delay = SamplingPolicy.DEFAULTS.detector()
                .create(policy(SamplerMode.AUTO), SceneDetector.Stream.FRAMES, FPS).maxDelayFrames();

        // a source that decodes single I-frames: from frame 75 on the frames look like I-frame 250, so
        // the GOP is decoded up to there, and on only until the detector has settled
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, count, iframes, Synth.scenes(starts))
                .packets(packetSizes(iframes, 75)).demuxAhead();
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact));
        // 4 I-frames, I-frame 250 decoded on its own (and compared with the last frame decoded),
        // frames 0..75 and up to twice the detector's delay after
        long refined = auto.framesAnalysed() - iframes.length - 1;
        assertThat(refined).isBetween(76L, 76L + 2L * delay);

        // one that cannot: the whole GOP, as before
        FakeFrameSource whole = new FakeFrameSource(W, H, FPS, count, iframes, Synth.scenes(starts))
                .packets(packetSizes(iframes, 75));
        SamplingResult complete = SAMPLER.sample(whole, policy(SamplerMode.AUTO));
        assertThat(cutTimes(complete)).containsExactly(cutTimes(exact));
        assertThat(complete.framesAnalysed()).isEqualTo(iframes.length + 251);

        // scene B from frame 240, fewer frames before I-frame 250 than a test pays for: the whole GOP,
        // and I-frame 250 is not decoded on its own
        int[] late = {0, 240, 400, 520};
        FakeFrameSource lateSrc = new FakeFrameSource(W, H, FPS, count, iframes, Synth.scenes(late))
                .packets(packetSizes(iframes, 240)).demuxAhead();
        SamplingResult lateAuto = SAMPLER.sample(lateSrc, policy(SamplerMode.AUTO));
        assertThat(cutTimes(lateAuto)).containsExactly(240 / FPS, 400 / FPS, 520 / FPS);
        assertThat(lateAuto.framesAnalysed()).isEqualTo(iframes.length + 251);
    }

    @Test
    void autoDecodesAChangedIntervalOnWhileItsFramesDifferFromItsClosingIFrame() throws VideoException {
        // as above, but scene B gives way to scene C at frame 200 with no packet that stands out: the
        // frames of B differ from I-frame 250 (C), so decoding goes on past the evidence at 75 and meets
        // the cut at 200, a silent one: the exact pass decides
        int count = 600;
        int[] starts = {0, 75, 200, 400, 520};
        int[] iframes = {0, 250, 400, 520};
        SamplingResult exact = SAMPLER.sample(new FakeFrameSource(W, H, FPS, count, iframes, Synth.scenes(starts)),
                policy(SamplerMode.EXACT));
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, count, iframes, Synth.scenes(starts))
                .packets(packetSizes(iframes, 75)).demuxAhead();
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:exact");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact)).hasSize(4);
    }

    @Test
    void autoOnAFixedCadenceFindsACutRightWhereItsFramesStartToLookLikeTheClosingIFrame() throws VideoException {
        // a 2 s cadence without packet data. Changed, and decoded while their frames differ from
        // their closing I-frames: 0..60 (its texture moves between the I-frames) and 60..120 in one
        // run, and 240..300. The frames of 0..60 soon look like I-frame 60, so the run skips to it;
        // those of 60..120 and 240..300 look like their closing I-frames from the cuts at 90 and 270
        // on, and each run stops there (once the detector has settled), keeping the cut
        int[] cadence = FakeFrameSource.every(60, 600);
        int[] starts = {0, 90, 270};
        SamplingResult exact = SAMPLER.sample(new FakeFrameSource(W, H, FPS, 600, cadence, Synth.scenes(starts)),
                policy(SamplerMode.EXACT));
        assertThat(cutTimes(exact)).containsExactly(90 / FPS, 270 / FPS);
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 600, cadence, Synth.scenes(starts)).demuxAhead();
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact));
        // decoding the three intervals in full analyses 192 frames (10 I-frames, 121 + 61 frames)
        assertThat(auto.framesAnalysed()).isLessThanOrEqualTo(100);
    }

    @Test
    void autoRunsTheExactPassWhenTheIntervalsToRefineHoldMostPackets() throws VideoException {
        // a cut 25 frames into every second: 19 intervals decoded up to their suspect, 26 of 30 frames each
        int[] starts = IntStream.concat(IntStream.of(0), IntStream.range(1, 20).map(s -> 30 * s - 5)).toArray();
        int[] cadence = FakeFrameSource.every(30, COUNT);
        int[] intra = Arrays.copyOfRange(starts, 1, starts.length);
        FakeFrameSource exactSrc = new FakeFrameSource(W, H, FPS, COUNT, cadence, Synth.scenes(starts));
        SamplingResult exact = SAMPLER.sample(exactSrc, policy(SamplerMode.EXACT));
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, COUNT, cadence, Synth.scenes(starts))
                .packets(packetSizes(cadence, intra));
        SamplingResult auto = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(auto.sampler()).isEqualTo("auto:exact");
        assertThat(cutTimes(auto)).containsExactly(cutTimes(exact)).hasSize(19);
        assertThat(auto.framesAnalysed()).isEqualTo(20 + COUNT);
        // a few of them stay refined
        int[] few = {0, 55, 175, 295};
        FakeFrameSource some = new FakeFrameSource(W, H, FPS, COUNT, cadence, Synth.scenes(few))
                .packets(packetSizes(cadence, 55, 175, 295));
        SamplingResult r = SAMPLER.sample(some, policy(SamplerMode.AUTO));
        assertThat(r.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(r)).containsExactly(55 / FPS, 175 / FPS, 295 / FPS);
    }

    /**
     * The fixed-cadence cases above, once with a keyframe pass and once from a demux pass
     * ({@link FakeFrameSource#demuxAhead}): the same cuts, every keyframe inside its scene, and fewer
     * I-frames decoded, except in a slideshow, where every interval is still and every I-frame is
     * needed.
     */
    @Test
    void autoFromADemuxPassFindsTheSameCutsDecodingFewerIFrames() throws VideoException {
        int[] cadence = FakeFrameSource.every(30, COUNT);
        int[] few = {0, 55, 175, 295};
        record Case(String name, FakeFrameSource.Painter painter, IntUnaryOperator packets, boolean fewer) {
        }
        List<Case> cases = List.of(
                new Case("cuts coded as outsized pictures", Synth.scenes(few), packetSizes(cadence, 55, 175, 295), true),
                new Case("a busy stretch found by key sizes", busyStretch(190, 350), busyPackets(cadence, 190, 350), true),
                new Case("a busy stretch to the end", busyStretch(190, COUNT), busyPackets(cadence, 190, COUNT, 280), true),
                new Case("a slideshow cut on the cadence", Synth.scenes(0, 120, 300, 450), stillPackets(cadence), false));
        for (Case c : cases) {
            SamplingResult keyPass = SAMPLER.sample(new FakeFrameSource(W, H, FPS, COUNT, cadence, c.painter())
                    .packets(c.packets()), policy(SamplerMode.AUTO));
            FakeFrameSource src = new FakeFrameSource(W, H, FPS, COUNT, cadence, c.painter())
                    .packets(c.packets()).demuxAhead();
            SamplingResult demux = SAMPLER.sample(src, policy(SamplerMode.AUTO));
            assertThat(cutTimes(demux)).as(c.name()).containsExactly(cutTimes(keyPass)).isNotEmpty();
            assertThat(demux.sampler()).as(c.name()).isEqualTo(keyPass.sampler());
            assertThat(demux.framesAnalysed()).as(c.name())
                    .isLessThanOrEqualTo(keyPass.framesAnalysed() - (c.fewer() ? 1 : 0));
            assertThat(demux.keyframes()).as(c.name()).hasSameSizeAs(keyPass.keyframes());
            for (Keyframe kf : demux.keyframes()) {
                assertThat(kf.ptsS()).as(c.name()).isBetween(kf.sceneStartS(), kf.sceneEndS());
                // representatives are decoded I-frames: captured from their packet alone
                assertThat(Arrays.binarySearch(cadence, (int) Math.round(kf.ptsS() * FPS))).as(c.name()).isNotNegative();
            }
        }
    }

    @Test
    void autoFromADemuxPassDecodesOnlyTheIFramesTheRulesNeed() throws VideoException {
        // cuts at 55, 175 and 295 coded as outsized pictures: no key sizes jump and nothing is still,
        // so no I-frame is decoded for the rules; the runs 30..55, 150..175 and 270..295 (and the
        // I-frames 60, 180 and 300 they are compared with) find the cuts; then each of the four
        // scenes gets SCENE_CANDIDATES I-frames as representative candidates
        int[] cadence = FakeFrameSource.every(30, COUNT);
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, COUNT, cadence, Synth.scenes(0, 55, 175, 295))
                .packets(packetSizes(cadence, 55, 175, 295)).demuxAhead();
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.AUTO));
        assertThat(r.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(r)).containsExactly(55 / FPS, 175 / FPS, 295 / FPS);
        assertThat(r.framesAnalysed()).isEqualTo(3 * (26 + 1) + 4 * SparseKeyDecoder.SCENE_CANDIDATES);
        // a video whose key packets are irregular (I-frames at cuts) takes the keyframe pass
        int[] iframes = {0, 75, 190, 260, 400, 520};
        FakeFrameSource irregular = video(iframes).packets(packetSizes(iframes)).demuxAhead();
        SamplingResult k = SAMPLER.sample(irregular, policy(SamplerMode.AUTO));
        assertThat(k.sampler()).isEqualTo("auto:keyframes");
        assertThat(k.framesAnalysed()).isEqualTo(iframes.length);
        // and it was demuxed ahead only for its first seconds, which showed no fixed cadence
        assertThat(irregular.scans()).isEqualTo(1);
        assertThat(src.scans()).isEqualTo(2);
    }

    /** Packets of a slideshow: key pictures 5000 bytes, predicted pictures 20 (skip blocks only). */
    private static IntUnaryOperator stillPackets(int[] iframes) {
        return i -> Arrays.binarySearch(iframes, i) >= 0 ? 5000 : 20;
    }

    @Test
    void suspectRuleNeedsAllThreeTests() {
        int[] iframes = {0, 100};
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 200, iframes, Synth.scenes(0));
        src.packets(packetSizes(iframes, 50, 150));
        src.seek(0, dev.videoclass.spi.DecodeMode.ALL_FRAMES);
        while (src.next() != null) {
            // demux everything
        }
        assertThat(SuspectPackets.find(src.packetsRead(), src.info())).containsExactly(50 / FPS, 150 / FPS);
        // below the share of the smaller surrounding key packet (3000 < 0.25 * 16000)
        src.packets(i -> i == 0 || i == 100 ? 16000 : i == 50 ? 3000 : 150);
        assertThat(SuspectPackets.find(src.packetsRead(), src.info())).isEmpty();
        // not far enough above the large predicted pictures around it (every other picture 1200 bytes)
        src.packets(i -> i == 0 || i == 100 ? 5000 : i == 50 ? 3000 : i % 2 == 0 ? 1200 : 150);
        assertThat(SuspectPackets.find(src.packetsRead(), src.info())).isEmpty();
        // no packets: nothing
        assertThat(SuspectPackets.find(List.of(), src.info())).isEmpty();
    }

    @Test
    void uniformNeedsNoDecoding() throws VideoException {
        FakeFrameSource src = video(new int[] {0});
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.UNIFORM).withUniformIntervalS(4.0));
        assertThat(r.sampler()).isEqualTo("uniform");
        assertThat(r.keyframes()).extracting(Keyframe::ptsS).containsExactly(2.0, 6.0, 10.0, 14.0, 18.0);
        assertThat(r.keyframes().get(1).sceneStartS()).isEqualTo(4.0);
        assertThat(r.keyframes().get(1).sceneEndS()).isEqualTo(8.0);
        assertThat(r.cuts()).isEmpty();
        assertThat(src.framesDecoded()).isZero();
        assertThat(r.framesAnalysed()).isZero();
    }

    @Test
    void uniformRespectsTheBand() throws VideoException {
        SamplingResult many = SAMPLER.sample(video(new int[] {0}),
                policy(SamplerMode.UNIFORM).withUniformIntervalS(1.0)); // 20 intervals > 8
        assertThat(many.keyframes()).hasSize(8);
        assertThat(many.keyframes().get(0).ptsS()).isCloseTo(1.25, within(1e-9));
        SamplingResult few = SAMPLER.sample(video(new int[] {0}),
                policy(SamplerMode.UNIFORM).withUniformIntervalS(30.0).withBand(3, 8));
        assertThat(few.sampler()).isEqualTo("uniform+even");
        assertThat(few.keyframes()).extracting(Keyframe::ptsS)
                .containsExactly(20.0 / 6, 20.0 / 2, 20.0 * 5 / 6);
    }

    @Test
    void staticClipFallsBackToEvenlySpacedFrames() throws VideoException {
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 300, new int[] {0}, Synth.scenes(0));
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.EXACT).withBand(3, 8));
        assertThat(r.sampler()).isEqualTo("exact+even");
        assertThat(r.cuts()).isEmpty();
        assertThat(r.keyframes()).extracting(Keyframe::ptsS)
                .containsExactly(10.0 / 6, 10.0 / 2, 10.0 * 5 / 6);
        // with the default band a static clip is one scene, one keyframe
        SamplingResult one = SAMPLER.sample(new FakeFrameSource(W, H, FPS, 300, new int[] {0}, Synth.scenes(0)),
                policy(SamplerMode.EXACT));
        assertThat(one.sampler()).isEqualTo("exact");
        assertThat(one.keyframes()).hasSize(1);
    }

    @Test
    void clampKeepsMaxKeyframesSpreadOverTheVideo() throws VideoException {
        // 12 scenes of 50 frames: more than the max of 4
        int[] starts = IntStream.range(0, 12).map(i -> i * 50).toArray();
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 600, new int[] {0}, Synth.scenes(starts));
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.EXACT).withBand(1, 4));
        assertThat(r.cuts()).hasSize(11); // all accepted cuts are reported
        assertThat(r.keyframes()).hasSize(4);
        List<Keyframe> k = r.keyframes();
        assertThat(k.get(0).sceneStartS()).isZero();
        assertThat(k.get(3).sceneEndS()).isEqualTo(20.0);
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                assertThat(k.get(i).sceneStartS()).isEqualTo(k.get(i - 1).sceneEndS());
            }
            // merged scenes are of comparable length: none shorter than a third of an even share
            assertThat(k.get(i).sceneEndS() - k.get(i).sceneStartS()).isGreaterThan(20.0 / 4 / 3);
            assertThat(k.get(i).ptsS()).isBetween(k.get(i).sceneStartS(), k.get(i).sceneEndS());
        }
    }

    @Test
    void representativeIsTheSharpFrameNotTheBlurredOnes() throws VideoException {
        // one scene of 60 frames: all flat (blurred) except frame 37, a fine checker
        int sharpIndex = 37;
        FakeFrameSource.Painter painter = (index, rgb, w, h) -> {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int d = index == sharpIndex ? (((x + y) & 1) == 0 ? 12 : -12) : 0;
                    int p = (y * w + x) * 3;
                    rgb[p] = (byte) (150 + d);
                    rgb[p + 1] = (byte) (90 + d);
                    rgb[p + 2] = (byte) (80 + d);
                }
            }
        };
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 60, new int[] {0}, painter);
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.EXACT));
        assertThat(r.cuts()).isEmpty();
        assertThat(r.keyframes()).hasSize(1);
        assertThat(r.keyframes().get(0).ptsS()).isCloseTo(sharpIndex / FPS, within(1e-9));
    }

    @Test
    void representativeSkipsTheFramesRightAfterACut() throws VideoException {
        // scene 2 starts at 100; its first frame is the sharpest, but it lies inside the skip window
        FakeFrameSource.Painter base = Synth.scenes(0, 100);
        FakeFrameSource.Painter painter = (index, rgb, w, h) -> {
            base.paint(index, rgb, w, h);
            if (index == 100) {
                for (int i = 0; i < w * h; i += 2) {
                    rgb[3 * i] = (byte) Math.min(255, (rgb[3 * i] & 0xFF) + 25);
                }
            }
        };
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 200, new int[] {0}, painter);
        SamplingResult r = SAMPLER.sample(src, policy(SamplerMode.EXACT));
        assertThat(cutTimes(r)).containsExactly(100 / FPS);
        assertThat(r.keyframes().get(1).ptsS()).isGreaterThanOrEqualTo(100 / FPS + SceneTracker.SKIP_AFTER_CUT_S - 1e-9);
    }

    @Test
    void emptySourceFails() {
        FakeFrameSource src = new FakeFrameSource(W, H, FPS, 0, new int[] {0}, Synth.scenes(0), 0);
        assertThatThrownBy(() -> SAMPLER.sample(src, policy(SamplerMode.EXACT)))
                .isInstanceOfSatisfying(VideoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DECODABLE_FRAMES));
        assertThatThrownBy(() -> SAMPLER.sample(src, policy(SamplerMode.AUTO)))
                .isInstanceOf(VideoException.class);
    }

    private static void assertWithin(double[] actual, double[] expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(tol));
        }
    }
}
