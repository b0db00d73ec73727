package dev.videoclass.examples;

import dev.videoclass.VideoClassifier;
import dev.videoclass.store.Backfill;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the commands that classify a folder of videos ({@code backfill}, {@code index}) share: the
 * folder, {@code --parallel}, the sampling, scorer and limit flags of {@code classify}, and the
 * progress report. A picocli mixin; not thread safe.
 */
final class WalkOptions {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder to walk")
    Path dir;
    @Option(names = "--parallel", defaultValue = "1", description = "videos classified at once (default ${DEFAULT-VALUE})")
    int parallel;
    @Mixin
    VideoclassCli.SamplingOptions sampling;
    @Mixin
    VideoclassCli.ScorerOptions scoring;
    @Mixin
    LimitOptions limits;

    /**
     * The FFmpeg classifier builder with the flags applied and no posters (a walk over many videos
     * keeps none); a folder that does not exist or {@code --parallel} below 1 is a usage error.
     */
    VideoClassifier.Builder builder() {
        if (!Files.isDirectory(dir)) {
            throw new VideoclassCli.UsageException("not a folder: " + dir);
        }
        if (parallel < 1) {
            throw new VideoclassCli.UsageException("--parallel must be at least 1");
        }
        return VideoclassCli.baseBuilder(sampling, limits).posterMaxSide(0);
    }

    /** The counts after hashing on {@code err}, and on a terminal a progress bar with rate and ETA. */
    static Backfill.Listener progress(PrintStream err) {
        boolean terminal = System.console() != null;
        return new Backfill.Listener() {
            @Override
            public void hashed(int files, int contents, int alreadyDone) {
                err.printf(Locale.ROOT, "%d video files, %d distinct contents, %d already done%n", files, contents, alreadyDone);
            }

            @Override
            public void progress(int done, int total, double rate, double etaS) {
                if (terminal) {
                    err.print("\r" + bar(done, total, rate, etaS));
                    if (done == total) {
                        err.println();
                    }
                }
            }
        };
    }

    /** {@code [#########...........] 12/40  3.2/min  ETA 8m45s} */
    static String bar(int done, int total, double perMinute, double etaS) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        String eta = Double.isNaN(etaS) || Double.isInfinite(etaS) ? "--"
                : etaS >= 60 ? String.format(Locale.ROOT, "%dm%02ds", (long) etaS / 60, (long) etaS % 60)
                : String.format(Locale.ROOT, "%ds", (long) etaS);
        return String.format(Locale.ROOT, "[%s%s] %d/%d  %.1f/min  ETA %s ", "#".repeat(filled), ".".repeat(width - filled),
                done, total, perMinute, eta);
    }
}
