package dev.videoclass.spark;

import dev.videoclass.json.VerdictJson;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The Spark application: the CLI's {@code backfill} on a cluster ({@link BackfillJob}). Run it with
 * {@code spark-submit --class dev.videoclass.spark.SparkBackfill videoclass-spark.jar --input URI
 * --output URI ...}, or without a cluster with {@code bin/videoclass-spark --master 'local[2]' ...}.
 * Prints a JSON summary on standard output (the CLI's fields, plus {@code unreadable}); progress goes
 * to standard error. Exit status: 0 done, 2 usage error, 1 the job failed.
 */
@Command(name = "videoclass-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify every distinct video of an archive once, on Spark, into a table with one row per content (incremental).")
public final class SparkBackfill implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "URI",
            description = "a directory (walked recursively, video extensions only) or a text file of paths/URIs, one per line; file://, hdfs://, s3a://")
    String input;
    @Option(names = "--output", required = true, paramLabel = "URI", description = "the table directory, appended to")
    String output;
    @Option(names = "--format", defaultValue = "parquet", description = "parquet or json (default ${DEFAULT-VALUE}); keep one per table")
    String format;
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    String master;
    @Option(names = "--partitions", defaultValue = "0",
            description = "tasks per stage (default 0: 4 per core, 4 x spark.default.parallelism)")
    int partitions;
    @Option(names = "--commit-every", defaultValue = "5000", paramLabel = "N",
            description = "most contents per appended commit: a killed run loses at most one (default ${DEFAULT-VALUE})")
    int commitEvery;
    @Option(names = "--done-jsonl", paramLabel = "FILE",
            description = "a CLI backfill's JSON-lines file: its contents count as done (repeatable)")
    List<String> cliLines = new ArrayList<>();
    @Mixin
    ClassifierOptions classifier;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the application and returns its exit status. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SparkBackfill());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof FileNotFoundException) {
                cmd.getErr().println("videoclass-spark: " + ex.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /**
     * The job the options describe.
     *
     * @throws IllegalArgumentException for a value that is not valid
     */
    BackfillJob.Settings settings() {
        return new BackfillJob.Settings(input, output, format, partitions, commitEvery, cliLines, classifier.spec());
    }

    @Override
    public Integer call() throws Exception {
        BackfillJob.Settings settings = settings();
        boolean ours = SparkSession.getActiveSession().isEmpty();
        SparkSession.Builder builder = SparkSession.builder().appName("videoclass-backfill");
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            BackfillJob.Summary s = BackfillJob.run(spark, settings, listener(System.err));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("files", s.files());
            summary.put("unreadable", s.unreadable());
            summary.put("contents", s.contents());
            summary.put("new", s.newlyDone());
            summary.put("reused", s.reused());
            summary.put("failed", s.failed());
            summary.put("seconds", Math.round(s.seconds() * 10) / 10.0);
            summary.put("out", output);
            System.out.println(VerdictJson.toJson(summary));
            return CommandLine.ExitCode.OK;
        } finally {
            if (ours) {
                spark.stop();
            }
        }
    }

    private static BackfillJob.Listener listener(PrintStream err) {
        return new BackfillJob.Listener() {
            @Override
            public void hashed(long files, long unreadable, long contents, long alreadyDone) {
                err.printf(Locale.ROOT, "%d video files (%d unreadable), %d distinct contents, %d already done%n",
                        files, unreadable, contents, alreadyDone);
            }

            @Override
            public void committed(long appended, long total) {
                err.printf(Locale.ROOT, "appended %d/%d%n", appended, total);
            }
        };
    }
}
