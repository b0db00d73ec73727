package dev.videoclass.benchmarks;

import dev.videoclass.Frame;
import dev.videoclass.scene.ContentDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Question: how much Java work does exact mode add per decoded frame? Feeds analysis-sized frames
 * (noisy content, so the HSV conversion cannot take shortcuts) to the ContentDetector. Compare the
 * result with the per-frame decode time (RESULTS.md) — it must stay a small fraction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContentDetectorBenchmark {
    @Param({"256x144", "256x192"})
    public String size;

    private Frame[] frames;
    private ContentDetector detector;
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        Random r = new Random(42);
        frames = new Frame[16];
        for (int f = 0; f < frames.length; f++) {
            byte[] rgb = new byte[w * h * 3];
            r.nextBytes(rgb);
            frames[f] = new Frame(w, h, rgb, f / 30.0);
        }
        detector = new ContentDetector();
    }

    /** One frame through the detector (HSV conversion, difference, cut decision). */
    @Benchmark
    public Object feed() {
        Frame f = frames[i++ & 15];
        return detector.feed(f.withPts(i / 30.0));
    }
}
