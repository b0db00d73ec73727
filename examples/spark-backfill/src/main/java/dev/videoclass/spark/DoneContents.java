package dev.videoclass.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * Stage 3's other side: the contents already done under the run's key (scorer id and rubric hash),
 * so that the run drops them. They are read from the output table itself and, optionally, from JSON-lines
 * files of the CLI's {@code backfill} ({@code {"content_hash",…,"verdict":{"status",…,"error":{"code"}}}}),
 * which makes a cluster run continue a local one. A content is done when a row (a line) under the key
 * is final ({@link VerdictRows#isFinal}); torn lines and rows of another scorer or rubric count for
 * nothing. Stateless.
 */
final class DoneContents {
    /** What this class reads of a CLI backfill line; the rest of the verdict is not parsed. */
    static final StructType CLI_LINE = new StructType()
            .add("content_hash", DataTypes.StringType)
            .add("scorer_id", DataTypes.StringType)
            .add("rubric_hash", DataTypes.StringType)
            .add("verdict", new StructType()
                    .add("status", DataTypes.StringType)
                    .add("error", new StructType().add("code", DataTypes.StringType)));

    private DoneContents() {
    }

    /**
     * The contents done under {@code scorerId} and {@code rubricHash}, each with whether its verdict
     * failed; empty when there is neither an output table yet nor a CLI file.
     *
     * @param output   the output table (read when it exists)
     * @param format   its format, {@code parquet} or {@code json}
     * @param cliLines CLI backfill JSON-lines files also to take as done (may be empty)
     */
    static Optional<JavaPairRDD<String, Boolean>> read(SparkSession spark, String output, String format,
                                                       List<String> cliLines, String scorerId, String rubricHash)
            throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path out = new Path(output);
        List<Dataset<Row>> parts = new ArrayList<>();
        if (out.getFileSystem(conf).exists(out)) {
            Dataset<Row> table = spark.read().format(format).schema(VerdictRows.OUTPUT).load(output);
            parts.add(keyed(table, col("status"), col("error_code"), scorerId, rubricHash));
        }
        for (String file : cliLines) {
            Dataset<Row> lines = spark.read().schema(CLI_LINE).json(file);
            parts.add(keyed(lines, col("verdict.status"), col("verdict.error.code"), scorerId, rubricHash));
        }
        return parts.stream().reduce(Dataset::union).map(done -> done.toJavaRDD()
                .mapToPair(r -> new Tuple2<>(r.getString(0), r.getBoolean(1)))
                .reduceByKey((failed, alsoFailed) -> failed && alsoFailed));
    }

    private static Dataset<Row> keyed(Dataset<Row> rows, Column status, Column errorCode, String scorerId,
                                      String rubricHash) {
        return rows.filter(col("scorer_id").equalTo(scorerId).and(col("rubric_hash").equalTo(rubricHash))
                        .and(VerdictRows.isFinal(status, errorCode)))
                .select(col("content_hash"), status.equalTo("failed").as("failed"));
    }
}
