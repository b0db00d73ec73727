package dev.videoclass.examples;

import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.store.Backfill;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    @Mixin
    WalkOptions walk;
    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "results, one line per content (appended)")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (VideoClassifier vc = walk.scoring.build(walk.builder())) {
            Backfill.Summary s = new Backfill(vc, walk.parallel, WalkOptions.progress(System.err)).run(walk.dir, out);
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
}
