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

    @Test
    void aSlideshowCutExactlyOnAFixedKeyFrameCadenceKeepsItsCuts() throws Exception {
        // still shots of 1.5 s each, key frames every 1.5 s: every cut falls on a key frame and the
        // I-frame cadence looks like a phone's; the tiny predicted packets show the shots are still,
        // so the differences between I-frames are cuts at those I-frames
        for (String codec : new String[] {"libx265", "libx264"}) {
            Path p = dir.resolve("slideshow-" + codec + (codec.equals("libx265") ? ".mov" : ".mp4"));
            StringBuilder graph = new StringBuilder();
            int[] colours = {0x2030C8, 0x20A030, 0x2030C8, 0xD02018, 0xE0E040};
            for (int i = 0; i < colours.length; i++) {
                graph.append(String.format(java.util.Locale.ROOT,
                        "color=c=0x%06X:s=320x240:r=30:d=1.5,drawgrid=w=16:h=16:t=1:c=white@0.3,format=yuv420p[s%d];",
                        colours[i], i));
            }
            for (int i = 0; i < colours.length; i++) {
                graph.append("[s").append(i).append(']');
            }
            graph.append("concat=n=").append(colours.length).append(":v=1:a=0[out]");
            List<String> args = new java.util.ArrayList<>(List.of("-filter_complex", graph.toString(), "-map", "[out]",
                    "-c:v", codec));
            args.addAll(codec.equals("libx265")
                    ? List.of("-tag:v", "hvc1", "-x265-params", "log-level=error:keyint=45:min-keyint=45:scenecut=0")
                    : List.of("-g", "45", "-keyint_min", "45", "-sc_threshold", "0"));
            args.add(p.toString());
            TestVideos.run(args.toArray(new String[0]));
            SamplingResult exact = sample(p, SamplerMode.EXACT);
            SamplingResult auto = sample(p, SamplerMode.AUTO);
            System.out.printf("%s: key packets %s, cuts exact %s, %s %s, frames %d vs %d%n", p.getFileName(),
                    TestVideos.keyPacketTimes(p), cutTimes(exact), auto.sampler(), cutTimes(auto),
                    exact.framesAnalysed(), auto.framesAnalysed());
            assertThat(cutTimes(exact)).hasSize(4);
            assertThat(cutTimes(auto)).as(codec).hasSameSizeAs(cutTimes(exact));
            for (int i = 0; i < 4; i++) {
                assertThat(cutTimes(auto).get(i)).isCloseTo(cutTimes(exact).get(i), within(0.12));
            }
            assertThat(auto.framesAnalysed() * 4).isLessThanOrEqualTo(exact.framesAnalysed());
        }
    }
}
