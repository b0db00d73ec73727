package dev.videoclass.spark;

import dev.videoclass.Classifier;
import dev.videoclass.VerdictStatus;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * The CLI's backfill as a Spark job, incremental and keyed like it: (1) hash every listed file on the
 * executors ({@link HashFiles}); (2) group the paths by content hash; (3) drop the contents the output
 * (or a CLI backfill's lines) already holds under the same scorer id and rubric hash
 * ({@link DoneContents}); (4) classify each remaining content once, one classifier per executor
 * ({@link ClassifyContents}); (5) append their rows to the output table ({@link VerdictRows}).
 *
 * <p>Each append is one Spark commit: all its rows or none. A run with many contents commits every
 * {@link Settings#commitEvery} contents, so a killed run loses at most one commit's work and the next
 * run resumes after the last commit. One run at a time per output table.
 */
final class BackfillJob {
    /**
     * What to run.
     *
     * @param input       a directory URI (walked) or a list file ({@link InputListing})
     * @param output      the table directory, appended to
     * @param format      {@code parquet} or {@code json}
     * @param partitions  tasks per stage, or 0 for 4 per core ({@code 4 × spark.default.parallelism})
     * @param commitEvery most contents per appended commit, at least 1
     * @param cliLines    CLI backfill JSON-lines files whose contents count as done
     * @param classifier  the executors' classifier
     */
    record Settings(String input, String output, String format, int partitions, int commitEvery,
                    List<String> cliLines, ClassifierSpec classifier) {
        Settings {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            if (!format.equals("parquet") && !format.equals("json")) {
                throw new IllegalArgumentException("unknown format '" + format + "' (parquet, json)");
            }
            if (partitions < 0 || commitEvery < 1) {
                throw new IllegalArgumentException("--partitions must not be negative, --commit-every must be positive");
            }
            cliLines = List.copyOf(cliLines);
            classifier.validate();
        }
    }

    /**
     * What a run did, as the CLI's summary counts it.
     *
     * @param files      files listed
     * @param unreadable files that could not be read for hashing (retried by the next run)
     * @param contents   distinct contents among the readable files
     * @param newlyDone  contents classified and appended by this run (done or failed)
     * @param reused     contents already done before this run
     * @param failed     contents whose verdict failed, classified by this run or before
     * @param seconds    wall-clock duration of the run
     */
    record Summary(long files, long unreadable, long contents, long newlyDone, long reused, long failed,
                   double seconds) {
    }

    /** Progress reports, on the driver. */
    interface Listener {
        /** After stages 1–3. */
        default void hashed(long files, long unreadable, long contents, long alreadyDone) {
        }

        /** After each commit: contents appended so far by this run, out of {@code total}. */
        default void committed(long appended, long total) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BackfillJob.class);
    /** Intermediate results are kept for the run's later stages (they are read several times). */
    private static final StorageLevel KEEP = StorageLevel.MEMORY_AND_DISK();

    private BackfillJob() {
    }

    /** Runs the backfill on {@code spark}'s cluster (the session is borrowed, not stopped). */
    static Summary run(SparkSession spark, Settings s, Listener listener) throws IOException {
        long t0 = System.nanoTime();
        warmUpSql(spark);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ClassifierSpec spec = s.classifier();
        if (spec.model() != null && spec.modelShipped()) {
            jsc.addFile(spec.model(), true);
        }
        // the run's key comes from a first executor's classifier, built (an ONNX model loads for
        // seconds) while the driver lists the files and the other task slots hash them
        JavaFutureAction<List<String[]>> probe = jsc.parallelize(List.of(0), 1)
                .map(i -> keyOf(ExecutorClassifiers.get(spec))).collectAsync();
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        int partitions = s.partitions() > 0 ? s.partitions() : 4 * jsc.defaultParallelism();
        List<String> files = InputListing.list(s.input(), spark.sparkContext().hadoopConfiguration());
        JavaRDD<HashFiles.Hashed> hashed = jsc.parallelize(files, Math.max(1, Math.min(partitions, files.size())))
                .mapPartitions(new HashFiles(conf)).persist(KEEP);
        JavaFutureAction<Long> hashing = hashed.countAsync();
        JavaPairRDD<String, List<String>> contents = hashed.filter(HashFiles.Hashed::readable)
                .mapToPair(h -> new Tuple2<>(h.contentHash(), h.path())).groupByKey(partitions)
                .mapValues(BackfillJob::sorted).persist(KEEP);
        String[] key = await(probe).get(0);
        await(hashing);
        Optional<JavaPairRDD<String, Boolean>> done = DoneContents.read(spark, s.output(), s.format(), s.cliLines(),
                key[0], key[1]);
        JavaPairRDD<String, List<String>> todo = done.isPresent()
                ? contents.subtractByKey(done.get()).persist(KEEP) : contents;
        try {
            long unreadable = hashed.filter(h -> !h.readable()).count();
            long contentCount = contents.count();
            long[] reused = done.map(d -> countWithFailed(contents.join(d).values().map(Tuple2::_2)))
                    .orElse(new long[2]);
            listener.hashed(files.size(), unreadable, contentCount, reused[0]);
            long[] appended = classifyAndAppend(spark, s, todo, partitions, conf, listener);
            return new Summary(files.size(), unreadable, contentCount, appended[0], reused[0],
                    reused[1] + appended[1], (System.nanoTime() - t0) / 1e9);
        } finally {
            todo.unpersist(false);
            contents.unpersist(false);
            hashed.unpersist(false);
            conf.destroy(false);
        }
    }

    /** Stages 4 and 5, one commit per batch of contents; returns {contents appended, of which failed}. */
    private static long[] classifyAndAppend(SparkSession spark, Settings s, JavaPairRDD<String, List<String>> todo,
                                            int partitions, Broadcast<SerializableConfiguration> conf,
                                            Listener listener) {
        long total = todo.count();
        int batches = (int) Math.min(Integer.MAX_VALUE, (total + s.commitEvery() - 1) / s.commitEvery());
        long[] appended = {0, 0};
        for (int b = 0; b < batches; b++) {
            int batch = b;
            JavaPairRDD<String, List<String>> part = batches == 1 ? todo
                    : todo.filter(c -> Math.floorMod(c._1().hashCode(), batches) == batch);
            JavaRDD<Row> rows = part.repartition(partitions).mapPartitions(new ClassifyContents(s.classifier(), conf))
                    .persist(KEEP);
            try {
                spark.createDataFrame(rows, VerdictRows.OUTPUT).write().mode(SaveMode.Append).format(s.format())
                        .save(s.output());
                long[] c = countWithFailed(rows.map(r -> VerdictStatus.FAILED.code().equals(r.getString(4))));
                appended[0] += c[0];
                appended[1] += c[1];
            } finally {
                rows.unpersist(false);
            }
            listener.committed(appended[0], total);
        }
        return appended;
    }

    /**
     * Plans a query on the output's schema on a driver thread of its own, so that Spark SQL's
     * first-use set-up (seconds: its analyser, optimiser and code generator load) overlaps with
     * listing and hashing instead of delaying the first read of the table or the first append.
     */
    private static void warmUpSql(SparkSession spark) {
        Thread t = new Thread(() -> {
            try {
                spark.createDataFrame(List.of(), VerdictRows.OUTPUT).queryExecution().executedPlan();
            } catch (RuntimeException e) {
                LOG.debug("warming up Spark SQL: {}", e.toString()); // the real queries will say what is wrong
            }
        }, "videoclass-sql-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** {elements, elements that are true}, in one job. */
    private static long[] countWithFailed(JavaRDD<Boolean> failed) {
        return failed.aggregate(new long[2], (n, f) -> new long[] {n[0] + 1, n[1] + (f ? 1 : 0)},
                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }

    private static List<String> sorted(Iterable<String> paths) {
        List<String> list = new ArrayList<>();
        paths.forEach(list::add);
        Collections.sort(list);
        return list;
    }

    /** The run's key: the scorer id and bound rubric hash the output's rows are keyed by. */
    private static String[] keyOf(Classifier c) {
        return new String[] {c.scorerInfo().id(), c.rubricInfo().hash()};
    }

    /**
     * The result of an action started with {@code ...Async}. A failed job (a model that does not
     * load) fails the run with its cause.
     */
    private static <T> T await(JavaFutureAction<T> action) {
        try {
            return action.get();
        } catch (InterruptedException e) {
            action.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
