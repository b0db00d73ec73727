package dev.videoclass.examples;

import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.store.Backfill;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code videoclass backfill DIR --out FILE.jsonl [--parallel N]}: classifies every distinct video
 * under a folder once ({@link Backfill}), resumable; a progress bar with rate and ETA on a terminal;
 * a JSON summary on standard output.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Classify every distinct video under a folder once, into a JSON-lines file (resumable).")
final class BackfillCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder to walk")
    Path dir;
    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "results, one line per content (appended)")
    Path out;
    @Option(names = "--parallel", defaultValue = "1", description = "videos classified at once (default ${DEFAULT-VALUE})")
    int parallel;
    @Mixin
    VideoclassCli.SamplingOptions sampling;
    @Mixin
    VideoclassCli.ScorerOptions scoring;
    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws Exception {
        checkWalk(dir, parallel);
        VideoClassifier classifier = scoring.build(VideoclassCli.baseBuilder(sampling, limits).posterMaxSide(0));
        try (VideoClassifier vc = classifier) {
            Backfill.Summary s = new Backfill(vc, parallel, progress(System.err)).run(dir, out);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("files", s.files());
            summary.put("contents", s.contents());
            summary.put("new", s.newlyDone());
            summary.put("reused", s.reused());
            summary.put("failed", s.failed());
            summary.put("seconds", Math.round(s.seconds() * 10) / 10.0);
            summary.put("out", out.toString());
            System.out.println(VerdictJson.toJson(summary));
            return CommandLine.ExitCode.OK;
        }
    }

    /** The folder to walk exists and at least one video is classified at a time; else a usage error. */
    static void checkWalk(Path dir, int parallel) {
        if (!Files.isDirectory(dir)) {
            throw new VideoclassCli.UsageException("not a folder: " + dir);
        }
        if (parallel < 1) {
            throw new VideoclassCli.UsageException("--parallel must be at least 1");
        }
    }

    /**
     * Reports a walk over a folder on {@code err}: the counts after hashing, and on a terminal a
     * progress bar with rate and ETA (shared with {@code index}).
     */
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
