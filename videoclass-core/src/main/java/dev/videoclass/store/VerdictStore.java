package dev.videoclass.store;

import dev.videoclass.ErrorCode;
import dev.videoclass.Verdict;
import dev.videoclass.VerdictStatus;

import java.io.IOException;
import java.util.Optional;

/**
 * Where verdicts are kept for reuse (deduplication during a backfill, repeat uploads). Plug in your
 * own (a database table, a cache) by implementing it; {@link InMemoryVerdictStore} and
 * {@link JsonLinesVerdictStore} come with the library. Implementations are thread safe. A store
 * keeps whatever {@link DedupingClassifier} hands it ({@link #worthKeeping} is checked there); the
 * verdict's JSON ({@link dev.videoclass.json.VerdictJson}) is a convenient column:
 *
 * <pre>{@code
 * final class JdbcVerdictStore implements VerdictStore {
 *     private final DataSource db;
 *     JdbcVerdictStore(DataSource db) { this.db = db; }
 *
 *     public Optional<Verdict> find(VerdictKey k) throws IOException {
 *         try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
 *                 "select verdict from verdicts where content_hash = ? and scorer_id = ? and rubric_hash = ?")) {
 *             q.setString(1, k.contentHash()); q.setString(2, k.scorerId()); q.setString(3, k.rubricHash());
 *             ResultSet r = q.executeQuery();
 *             return r.next() ? Optional.of(VerdictJson.parseVerdict(r.getString(1))) : Optional.empty();
 *         } catch (SQLException e) { throw new IOException(e); }
 *     }
 *
 *     public void put(VerdictKey k, Verdict v) throws IOException {
 *         // insert or replace (content_hash, scorer_id, rubric_hash, VerdictJson.toJson(v))
 *     }
 * }
 * }</pre>
 */
public interface VerdictStore extends AutoCloseable {
    /** The verdict stored under exactly this key, if any. */
    Optional<Verdict> find(VerdictKey key) throws IOException;

    /** Stores {@code verdict} under {@code key}, replacing what was there. */
    void put(VerdictKey key, Verdict verdict) throws IOException;

    /**
     * Whether a verdict is worth keeping: done verdicts and failures that would fail again (not
     * {@link ErrorCode#isTransient() transient} ones: time-outs, cancellation, bugs, which a later run
     * retries).
     */
    static boolean worthKeeping(Verdict verdict) {
        return worthKeeping(verdict.status(), verdict.error() == null ? null : verdict.error().code());
    }

    /** {@link #worthKeeping(Verdict)} from a verdict's status and error code (null when none). */
    static boolean worthKeeping(VerdictStatus status, ErrorCode errorCode) {
        return status == VerdictStatus.DONE || (errorCode != null && !errorCode.isTransient());
    }

    @Override
    default void close() throws IOException {
    }
}
