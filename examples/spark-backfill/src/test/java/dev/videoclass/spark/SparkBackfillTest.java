package dev.videoclass.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.onnx.demo.DemoModel;
import dev.videoclass.store.Backfill;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark backfill in local mode ({@code local[2]}) against the library's {@link Backfill} (what the
 * CLI's {@code backfill} runs) on the same folders: the same contents with the same outcomes, the
 * same incremental behaviour, executor-side failures that stay rows or skipped files, not job failures.
 */
class SparkBackfillTest {
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("videoclass-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().hadoopConfiguration().set("fs.flaky.impl", FlakyFileSystem.class.getName());
        spark.sparkContext().hadoopConfiguration().setBoolean("fs.flaky.impl.disable.cache", true);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void sameContentsAsTheCliBackfillThenOnlyWhatIsNew() throws Exception {
        Path dir = folderWithDuplicatesAndBadFiles(tmp.resolve("archive"));
        Path cliOut = tmp.resolve("cli.jsonl");
        Map<String, JsonNode> cli = cliBackfill(dir, cliOut);
        String out = tmp.resolve("table").toUri().toString();

        BackfillJob.Summary first = run("--input", dir.toString(), "--output", out);
        List<Row> rows = table(out, "parquet");
        assertThat(keysAndStatus(rows)).isEqualTo(cli.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().path("verdict").path("status").asText())
                .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(first.files()).isEqualTo(Backfill.videoFiles(dir).size());
        assertThat(first.contents()).isEqualTo(cli.size()).isEqualTo(rows.size());
        assertThat(first.failed()).isEqualTo(rows.stream().filter(r -> r.getAs("status").equals("failed")).count())
                .isEqualTo(2);
        for (Row r : rows) {
            JsonNode line = cli.get(r.<String>getAs("content_hash"));
            assertThat(fileNames(r.getList(r.fieldIndex("paths")))).isEqualTo(fileNames(line.get("paths")));
            assertSameVerdict(r, line);
        }

        BackfillJob.Summary second = run("--input", dir.toString(), "--output", out);
        assertThat(second.newlyDone()).isZero();
        assertThat(second.reused()).isEqualTo(first.contents());
        assertThat(second.failed()).isEqualTo(first.failed());
        assertThat(table(out, "parquet")).hasSameSizeAs(rows);

        TestClips.write(dir.resolve("new/six.mp4"), 6);
        TestClips.write(dir.resolve("seven.m4v"), 7);
        Files.copy(dir.resolve("seven.m4v"), dir.resolve("new/seven-again.mp4"));
        BackfillJob.Summary third = run("--input", dir.toString(), "--output", out);
        assertThat(third.newlyDone()).isEqualTo(2);
        assertThat(table(out, "parquet")).hasSize(rows.size() + 2);
    }

    @Test
    void jsonPartFilesAndACliBackfillTakenAsDone() throws Exception {
        Path dir = folderWithDuplicatesAndBadFiles(tmp.resolve("archive"));
        Path cliOut = tmp.resolve("cli.jsonl");
        Map<String, JsonNode> cli = cliBackfill(dir, cliOut);

        String continued = tmp.resolve("continued").toUri().toString();
        BackfillJob.Summary after = run("--input", dir.toString(), "--output", continued, "--format", "json",
                "--done-jsonl", cliOut.toString());
        assertThat(after.newlyDone()).as("the CLI's lines count as done").isZero();
        assertThat(after.reused()).isEqualTo(cli.size());

        TestClips.write(dir.resolve("later.mp4"), 9);
        BackfillJob.Summary more = run("--input", dir.toString(), "--output", continued, "--format", "json",
                "--done-jsonl", cliOut.toString());
        assertThat(more.newlyDone()).isEqualTo(1);
        List<Row> rows = table(continued, "json");
        assertThat(rows).hasSize(1);
        assertThat(fileNames(rows.get(0).getList(rows.get(0).fieldIndex("paths")))).containsExactly("later.mp4");
        Verdict v = VerdictJson.parseVerdict(rows.get(0).<String>getAs("verdict_json"));
        assertThat(v.isDone()).isTrue();
        assertThat(v.posterJpeg()).as("posters are left out by default").isNull();
    }

    @Test
    void executorSideFailuresDoNotFailTheJob() throws Exception {
        Path dir = tmp.resolve("listed");
        Path good = TestClips.write(dir.resolve("good.mp4"), 11);
        Path flaky = TestClips.write(dir.resolve("flaky.mp4"), 12);
        Path list = Files.writeString(tmp.resolve("files.txt"), String.join("\n", "# the archive's files",
                good.toString(), "listed/gone.mp4", "flaky://" + flaky.toAbsolutePath(), ""));
        String out = tmp.resolve("table").toUri().toString();

        BackfillJob.Summary first = run("--input", list.toString(), "--output", out);
        assertThat(first.files()).isEqualTo(3);
        assertThat(first.unreadable()).as("gone.mp4 is not there to hash").isEqualTo(1);
        assertThat(first.newlyDone()).isEqualTo(2);
        Map<String, String> codes = new HashMap<>();
        table(out, "parquet").forEach(r -> codes.put(fileNames(r.getList(r.fieldIndex("paths"))).get(0),
                r.getAs("status") + "/" + r.getAs("error_code")));
        assertThat(codes).containsEntry("good.mp4", "done/null")
                .as("hashed, then unreadable when classified: a transient failure")
                .containsEntry("flaky.mp4", "failed/internal");

        BackfillJob.Summary second = run("--input", list.toString(), "--output", out);
        assertThat(second.reused()).isEqualTo(1);
        assertThat(second.newlyDone()).as("the transient failure is retried, and now reads").isEqualTo(1);
        assertThat(table(out, "parquet").stream().filter(r -> r.getAs("status").equals("done"))).hasSize(2);

        BackfillJob.Summary one = run("--input", good.toString(), "--output", out);
        assertThat(one.files()).as("a video file as the input is that one video").isEqualTo(1);
        assertThat(one.reused()).isEqualTo(1);
    }

    @Test
    void theOnnxModelIsShippedToTheExecutors() throws Exception {
        Path model = tmp.resolve("demo-model");
        DemoModel.write(model);
        Path dir = tmp.resolve("clips");
        TestClips.write(dir.resolve("a.mp4"), 21);
        TestClips.write(dir.resolve("b.mp4"), 22);
        String out = tmp.resolve("table").toUri().toString();

        BackfillJob.Summary s = run("--input", dir.toString(), "--output", out, "--scorer", "onnx",
                "--model", model.toString(), "--provider", "cpu");
        assertThat(s.newlyDone()).isEqualTo(2);
        assertThat(table(out, "parquet")).allSatisfy(r -> {
            assertThat(r.<String>getAs("status")).isEqualTo("done");
            assertThat(r.<String>getAs("scorer_id")).startsWith("onnx:");
        });
    }

    /** Five contents, two of them twice (one under an upper-case extension), two bad files, two non-videos. */
    private static Path folderWithDuplicatesAndBadFiles(Path dir) throws Exception {
        for (int i = 1; i <= 5; i++) {
            TestClips.write(dir.resolve("clip-" + i + ".mp4"), i);
        }
        Files.createDirectories(dir.resolve("sub"));
        Files.copy(dir.resolve("clip-1.mp4"), dir.resolve("sub/copy-of-1.mp4"));
        Files.copy(dir.resolve("clip-2.mp4"), dir.resolve("sub/CLIP-2.MOV"));
        Files.write(dir.resolve("bad.mp4"), "not a video at all".repeat(100).getBytes());
        Files.write(dir.resolve("sub/empty.mov"), new byte[0]);
        Files.writeString(dir.resolve("notes.txt"), "not looked at");
        Files.copy(dir.resolve("clip-3.mp4"), dir.resolve("clip-3.mp4.bak"));
        return dir;
    }

    /** The library's backfill, configured as the CLI's backfill command configures it; lines by content hash. */
    private static Map<String, JsonNode> cliBackfill(Path dir, Path out) throws Exception {
        try (VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).posterMaxSide(0).build()) {
            new Backfill(vc, 2, null).run(dir, out);
        }
        Map<String, JsonNode> lines = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode n = VerdictJson.reader().readTree(line);
            lines.put(n.get("content_hash").asText(), n);
        }
        return lines;
    }

    private static BackfillJob.Summary run(String... args) throws IOException {
        BackfillJob.Settings settings = CommandLine.populateCommand(new SparkBackfill(), args).settings();
        return BackfillJob.run(spark, settings, new BackfillJob.Listener() { });
    }

    private static List<Row> table(String out, String format) {
        return spark.read().format(format).schema(VerdictRows.OUTPUT).load(out).collectAsList();
    }

    private static Set<String> keysAndStatus(List<Row> rows) {
        return rows.stream().map(r -> r.getAs("content_hash") + " " + r.getAs("status"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> fileNames(Iterable<?> paths) {
        List<String> names = new ArrayList<>();
        for (Object p : paths) {
            String s = p instanceof JsonNode n ? n.asText() : p.toString();
            names.add(s.substring(s.lastIndexOf('/') + 1));
        }
        return names.stream().sorted().toList();
    }

    /** The row's columns and verdict JSON say what the CLI's line says (timings aside). */
    private static void assertSameVerdict(Row r, JsonNode line) throws IOException {
        JsonNode cliVerdict = line.get("verdict");
        JsonNode verdict = VerdictJson.reader().readTree(r.<String>getAs("verdict_json"));
        assertThat(r.<String>getAs("scorer_id")).isEqualTo(line.get("scorer_id").asText());
        assertThat(r.<String>getAs("rubric_hash")).isEqualTo(line.get("rubric_hash").asText());
        for (String field : List.of("status", "error", "is_explicit", "explicit_score", "quality_score", "scene_tags",
                "keyframes", "sampler", "video")) {
            assertThat(without(verdict.get(field))).as(field).isEqualTo(without(cliVerdict.get(field)));
        }
        assertThat(r.<String>getAs("status")).isEqualTo(cliVerdict.get("status").asText());
        if (cliVerdict.has("quality_score")) {
            assertThat(r.<Double>getAs("quality_score")).isEqualTo(cliVerdict.get("quality_score").asDouble());
            assertThat(r.<Boolean>getAs("is_explicit")).isEqualTo(cliVerdict.get("is_explicit").asBoolean());
            assertThat(Stream.of(r.getList(r.fieldIndex("scene_tags")).toArray()).map(Object::toString).toList())
                    .isEqualTo(StreamSupport.stream(cliVerdict.get("scene_tags").spliterator(), false).map(JsonNode::asText)
                            .toList());
        } else {
            assertThat(r.<String>getAs("error_code")).isEqualTo(cliVerdict.path("error").path("code").asText());
        }
    }

    /** An error's message names the input (a path or an upload), which differs by design. */
    private static JsonNode without(JsonNode n) {
        if (n != null && n.isObject() && n.has("message")) {
            return ((com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy()).without("message");
        }
        return n;
    }
}
