package dev.videoclass.benchmarks;

import dev.videoclass.Frame;
import dev.videoclass.image.FrameOps;
import dev.videoclass.image.ResampleFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Question: how long does one Pillow-style resize of a 1080p frame take? The sizes are the ones the
 * scorers ask for: a model input of 384×384 (BILINEAR, aspect not kept, as SigLIP-style processors
 * do), a 224-pixel short side (BICUBIC, as CLIP-style processors do: 1920×1080 → 398×224), and the
 * heuristic scorer's 384-pixel long side (BOX). The frame is noise, so no filter tap is skippable.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResizeBenchmark {
    private Frame frame;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] rgb = new byte[1920 * 1080 * 3];
        new Random(42).nextBytes(rgb);
        frame = new Frame(1920, 1080, rgb, 0);
    }

    /** 1920×1080 → 384×384, BILINEAR. */
    @Benchmark
    public Frame bilinearTo384Square() {
        return FrameOps.resize(frame, 384, 384, ResampleFilter.BILINEAR);
    }

    /** 1920×1080 → 398×224 (short side 224), BICUBIC. */
    @Benchmark
    public Frame bicubicShortSide224() {
        return FrameOps.resize(frame, 398, 224, ResampleFilter.BICUBIC);
    }

    /**
     * 1920×1080 → 398×224, BICUBIC, then the 224×224 centre crop, as CLIP's processor does it:
     * {@link FrameOps#resizeAndCrop} resamples only the kept region (compare with
     * {@link #bicubicShortSide224} plus a crop).
     */
    @Benchmark
    public Frame bicubicShortSide224CentreCrop() {
        return FrameOps.resizeAndCrop(frame, 398, 224, ResampleFilter.BICUBIC, 87, 0, 224, 224);
    }

    /** The same through a whole resize and a crop (the way it was done before). */
    @Benchmark
    public Frame bicubicShortSide224ThenCrop() {
        return FrameOps.crop(FrameOps.resize(frame, 398, 224, ResampleFilter.BICUBIC), 87, 0, 224, 224);
    }

    /** 1920×1080 → 384×216 via {@link FrameOps#fitLongSide}, BOX (the heuristic scorer's call). */
    @Benchmark
    public Frame boxFitLongSide384() {
        return FrameOps.fitLongSide(frame, 384, ResampleFilter.BOX);
    }
}
