package dev.videoclass.benchmarks;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.scene.DetectorKind;
import dev.videoclass.scene.SceneSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Question: how long does keyframe sampling of one video take per mode, JVM warm? Open, sample,
 * close — the work of {@code videoclass scenes} without JVM start. The video comes from
 * {@code -p video=PATH} (see scripts/compare-scenes.sh, which writes the test videos), the detector
 * from {@code -p detector=content|adaptive}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 7)
@Fork(1)
public class SamplingBenchmark {
    @Param({""})
    public String video;

    @Param({"exact", "auto", "keyframes"})
    public String mode;

    /** The scene detector ({@code content} or {@code adaptive}). */
    @Param({"content"})
    public String detector;

    private final FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();
    private final SceneSampler sampler = new SceneSampler();
    private SamplingPolicy policy;

    @Setup
    public void setUp() {
        if (video.isEmpty() || !Files.isRegularFile(Path.of(video))) {
            throw new IllegalArgumentException("pass a video with -p video=PATH (got '" + video + "')");
        }
        policy = SamplingPolicy.DEFAULTS.withMode(SamplerMode.parse(mode)).withDetector(DetectorKind.find(detector)
                .orElseThrow(() -> new IllegalArgumentException("detector: content or adaptive, got '" + detector + "'")));
    }

    @Benchmark
    public SamplingResult sample() throws Exception {
        try (FrameSource source = decoder.open(VideoInput.of(Path.of(video)), DecodeOptions.DEFAULTS)) {
            return sampler.sample(source, policy);
        }
    }
}
