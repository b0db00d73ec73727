package dev.videoclass.benchmarks;

import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.SamplingResult;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.scene.SceneSampler;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.spi.FrameSource;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Question: how close does AUTO come to the exact pass, in cuts and in time? Per video, warm JVM:
 * one untimed round, then {@code RUNS} rounds that sample it with the exact pass and with AUTO
 * (default policy), alternating which goes first; prints the median wall-clock time of each, their
 * ratio, the median process CPU time of each (all threads, FFmpeg's included: steadier than the wall
 * clock on a shared machine) and its ratio, and AUTO's F1 against the exact cuts (a cut matches an exact cut within {@value #MATCH_S}
 * s, each at most once).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.videoclass.benchmarks.AutoAccuracy
 * RUNS VIDEO...} (see scripts/auto-accuracy.sh, which writes the videos).
 */
public final class AutoAccuracy {
    /** An AUTO cut matches an exact cut this close, seconds. */
    static final double MATCH_S = 0.12;

    private AutoAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: AutoAccuracy RUNS VIDEO...");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        System.out.println("| file | exact ms | auto ms | auto / exact | exact CPU ms | auto CPU ms | CPU auto / exact | AUTO's answer | frames auto / exact | cuts exact | matched | cuts auto | F1 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String video : Arrays.copyOfRange(args, 1, args.length)) {
            Path p = Path.of(video);
            SamplingResult exact = sample(p, SamplerMode.EXACT);
            SamplingResult auto = sample(p, SamplerMode.AUTO);
            double[][] te = new double[2][runs];
            double[][] ta = new double[2][runs];
            for (int r = 0; r < runs; r++) {
                if (r % 2 == 0) {
                    timed(p, SamplerMode.EXACT, te, r);
                    timed(p, SamplerMode.AUTO, ta, r);
                } else {
                    timed(p, SamplerMode.AUTO, ta, r);
                    timed(p, SamplerMode.EXACT, te, r);
                }
            }
            List<Double> e = times(exact);
            List<Double> a = times(auto);
            int m = matches(e, a);
            double f1 = e.size() + a.size() == 0 ? 1 : 2.0 * m / (e.size() + a.size());
            double me = median(te[0]);
            double ma = median(ta[0]);
            double ce = median(te[1]);
            double ca = median(ta[1]);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %s | %d / %d | %d | %d | %d | %.2f |%n",
                    p.getFileName(), me, ma, ma / me, ce, ca, ca / ce, auto.sampler(), auto.framesAnalysed(), exact.framesAnalysed(),
                    e.size(), m, a.size(), f1);
        }
    }

    private static SamplingResult sample(Path p, SamplerMode mode) throws Exception {
        try (FrameSource s = new FfmpegVideoDecoder().open(VideoInput.of(p), DecodeOptions.DEFAULTS)) {
            return new SceneSampler().sample(s, SamplingPolicy.DEFAULTS.withMode(mode));
        }
    }

    /**
     * Opens, samples and closes; stores the wall-clock milliseconds in {@code out[0][run]} and the
     * process CPU milliseconds (all threads) in {@code out[1][run]}.
     */
    private static void timed(Path p, SamplerMode mode, double[][] out, int run) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        sample(p, mode);
        out[0][run] = (System.nanoTime() - t0) / 1e6;
        out[1][run] = (os.getProcessCpuTime() - c0) / 1e6;
    }

    private static List<Double> times(SamplingResult r) {
        return r.cuts().stream().map(SceneCut::ptsS).toList();
    }

    /** Exact cuts that have a not yet matched AUTO cut within {@link #MATCH_S}. */
    private static int matches(List<Double> exact, List<Double> auto) {
        boolean[] taken = new boolean[auto.size()];
        int count = 0;
        for (double cut : exact) {
            int best = -1;
            for (int i = 0; i < auto.size(); i++) {
                if (!taken[i] && Math.abs(auto.get(i) - cut) <= MATCH_S
                        && (best < 0 || Math.abs(auto.get(i) - cut) < Math.abs(auto.get(best) - cut))) {
                    best = i;
                }
            }
            if (best >= 0) {
                taken[best] = true;
                count++;
            }
        }
        return count;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
