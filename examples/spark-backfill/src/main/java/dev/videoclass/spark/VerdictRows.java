package dev.videoclass.spark;

import dev.videoclass.ErrorCode;
import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.store.VerdictKey;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.not;

/**
 * The table's rows: one per content, with the key the CLI backfill's lines carry ({@code content_hash},
 * {@code scorer_id}, {@code rubric_hash}), the {@code paths} that hold the content, the verdict's
 * decision as columns to query, and the whole verdict as the CLI prints it ({@code verdict_json},
 * {@link VerdictJson}). Fields a failed verdict lacks are null. Stateless.
 */
final class VerdictRows {
    /** The output table. */
    static final StructType OUTPUT = new StructType()
            .add("content_hash", DataTypes.StringType)
            .add("scorer_id", DataTypes.StringType)
            .add("rubric_hash", DataTypes.StringType)
            .add("paths", DataTypes.createArrayType(DataTypes.StringType))
            .add("status", DataTypes.StringType)
            .add("error_code", DataTypes.StringType)
            .add("is_explicit", DataTypes.BooleanType)
            .add("explicit_score", DataTypes.DoubleType)
            .add("quality_score", DataTypes.DoubleType)
            .add("scene_tags", DataTypes.createArrayType(DataTypes.StringType))
            .add("verdict_json", DataTypes.StringType);

    private VerdictRows() {
    }

    /** The row of {@code verdict} for the content {@code key} found at {@code paths}; the poster only when kept. */
    static Row row(VerdictKey key, List<String> paths, Verdict verdict, boolean posters) {
        Verdict kept = posters || verdict.poster() == null ? verdict : verdict.toBuilder().poster(null).build();
        return RowFactory.create(key.contentHash(), key.scorerId(), key.rubricHash(), paths.toArray(String[]::new),
                verdict.status().code(), verdict.error() == null ? null : verdict.error().code().code(),
                verdict.isExplicit(), verdict.explicitScore(), verdict.qualityScore(),
                verdict.isDone() ? verdict.sceneTags().toArray(String[]::new) : null, VerdictJson.toJson(kept));
    }

    /**
     * Rows whose verdict is final, that a later run must not redo: done, or failed with a code that
     * is not {@link ErrorCode#isTransient() transient} (the rule of
     * {@link dev.videoclass.store.VerdictStore#worthKeeping}), on the columns {@code status} and
     * {@code error_code}.
     */
    static Column isFinal(Column status, Column errorCode) {
        Object[] transientCodes = Arrays.stream(ErrorCode.values()).filter(ErrorCode::isTransient).map(ErrorCode::code)
                .toArray();
        return status.equalTo("done").or(errorCode.isNotNull().and(not(errorCode.isin(transientCodes))));
    }
}
