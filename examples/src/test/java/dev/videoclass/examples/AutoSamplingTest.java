package dev.videoclass.examples;

import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** AUTO against EXACT on x264 files: same cuts, far fewer frames analysed. */
class AutoSamplingTest {
    @TempDir
    static Path dir;

    static SamplingResult sample(Path p, SamplerMode m) throws Exception {
        return VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).policy(SamplingPolicy.DEFAULTS.withMode(m))
                .build().scenes(VideoInput.of(p));
    }

    static List<Double> cutTimes(SamplingResult r) {
        return r.cuts().stream().map(SceneCut::ptsS).toList();
    }

    /** Samples {@code p} both ways, checks that AUTO finds exact's cuts (and the spec's) and returns both. */
    static SamplingResult[] compare(Path p, TestVideos.Builder spec) throws Exception {
        SamplingResult exact = sample(p, SamplerMode.EXACT);
        SamplingResult auto = sample(p, SamplerMode.AUTO);
        System.out.printf("%s: key packets %s, cuts %s; exact %d frames, %s %d frames%n", p.getFileName(),
                TestVideos.keyPacketTimes(p), spec.cuts(), exact.framesAnalysed(), auto.sampler(), auto.framesAnalysed());
        assertThat(cutTimes(exact)).hasSameSizeAs(spec.cuts());
        assertThat(cutTimes(auto)).hasSameSizeAs(cutTimes(exact));
        for (int i = 0; i < cutTimes(exact).size(); i++) {
            assertThat(cutTimes(auto).get(i)).isCloseTo(cutTimes(exact).get(i), within(0.12));
        }
        return new SamplingResult[] {exact, auto};
    }

    @Test
    void keyFramesAtEveryCutCostAFifthOfExactOrLess() throws Exception {
        TestVideos.Builder spec = TestVideos.video().size(640, 360)
                .segment(TestVideos.PALETTE[2], 1.3).segment(TestVideos.PALETTE[3], 2.1)
                .segment(TestVideos.PALETTE[4], 1.7).segment(TestVideos.PALETTE[5], 2.6)
                .segment(TestVideos.PALETTE[6], 1.9);
        Path p = spec.writeTo(dir.resolve("keys-at-cuts.mp4"));
        List<Double> keys = TestVideos.keyPacketTimes(p);
        for (double cut : spec.cuts()) {
            assertThat(keys).as("x264 key frames").anySatisfy(k -> assertThat(k).isCloseTo(cut, within(0.02)));
        }
        SamplingResult[] r = compare(p, spec);
        assertThat(r[1].sampler()).isEqualTo("auto:keyframes");
        assertThat(r[1].framesAnalysed() * 5).isLessThan(r[0].framesAnalysed());
    }

    @Test
    void cutsCodedWithoutKeyFramesAreFoundInALongerX264File() throws Exception {
        // x264 (veryfast) codes the cuts at 2, 4 and 12 s as intra-heavy P pictures, not as key frames
        TestVideos.Builder spec = TestVideos.video().size(640, 360).segments(8, 2.0);
        Path p = spec.writeTo(dir.resolve("long.mp4"));
        SamplingResult[] r = compare(p, spec);
        assertThat(r[1].sampler()).isEqualTo("auto:refined");
        assertThat(r[1].framesAnalysed() * 2).isLessThan(r[0].framesAnalysed());
    }

    @Test
    void aShortX264FileWithACutWithoutKeyFrame() throws Exception {
        TestVideos.Builder spec = TestVideos.video().size(320, 240).segments(4, 1.5);
        Path p = spec.writeTo(dir.resolve("short.mp4"));
        SamplingResult[] r = compare(p, spec);
        assertThat(r[1].framesAnalysed() * 3).isLessThan(r[0].framesAnalysed());
    }

    @Test
    void aPhoneLikeFixedCadenceFileWithAZoomAndABusySceneCostsAThirdOfExactOrLess() throws Exception {
        // like an iPhone: HEVC .mov, a key frame every second and none at cuts. A continuous zoom
        // (every I-frame interval changes), a cut at 9.4 s into simpler content (no outsized packet:
        // found from the key picture sizes), a cut at 17.7 s into busy content (an outsized packet)
        // where nearly every frame is above threshold, which exact mode merges into no cut
        Path p = dir.resolve("phone.mov");
        String s = "640x360";
        TestVideos.run("-filter_complex",
                "mandelbrot=s=" + s + ":r=30,trim=duration=9.4,setpts=PTS-STARTPTS,format=yuv420p[a];"
                        + "testsrc2=s=" + s + ":r=30,trim=duration=8.3,setpts=PTS-STARTPTS,format=yuv420p,hue=h=90[b];"
                        + "cellauto=s=" + s + ":r=30:rule=30,trim=duration=6.3,setpts=PTS-STARTPTS,format=yuv420p[c];"
                        + "[a][b][c]concat=n=3:v=1:a=0[out]",
                "-map", "[out]", "-c:v", "libx265", "-preset", "fast", "-crf", "24", "-tag:v", "hvc1",
                "-x265-params", "log-level=error:keyint=30:min-keyint=30:scenecut=0:open-gop=0", p.toString());
        SamplingResult exact = sample(p, SamplerMode.EXACT);
        SamplingResult auto = sample(p, SamplerMode.AUTO);
        System.out.printf("%s: cuts exact %s, %s %s; exact %d frames, auto %d frames%n", p.getFileName(),
                cutTimes(exact), auto.sampler(), cutTimes(auto), exact.framesAnalysed(), auto.framesAnalysed());
        assertThat(cutTimes(exact)).hasSize(2);
        assertThat(cutTimes(exact).get(0)).isCloseTo(9.4, within(0.05));
        assertThat(cutTimes(exact).get(1)).isCloseTo(17.7, within(0.05));
        assertThat(auto.sampler()).isEqualTo("auto:refined");
        assertThat(cutTimes(auto)).hasSameSizeAs(cutTimes(exact));
        for (int i = 0; i < cutTimes(exact).size(); i++) {
            assertThat(cutTimes(auto).get(i)).isCloseTo(cutTimes(exact).get(i), within(0.12));
        }
        assertThat(auto.framesAnalysed() * 3).isLessThanOrEqualTo(exact.framesAnalysed());
    }
}
