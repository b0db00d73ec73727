package dev.videoclass.store;

import dev.videoclass.ErrorCode;
import dev.videoclass.Verdict;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Where verdicts are kept for reuse (deduplication during a backfill, repeat uploads). Plug in your
 * own (a database table, a cache) by implementing it; {@link InMemoryVerdictStore} and
 * {@link JsonLinesVerdictStore} come with the library. Implementations are thread safe.
 */
public interface VerdictStore extends AutoCloseable {
    /** Failures that may not recur (time-outs, cancellation, bugs): never stored, so a later run retries. */
    Set<String> TRANSIENT_ERRORS = Set.of(ErrorCode.TIMEOUT.code(), ErrorCode.CANCELLED.code(), ErrorCode.INTERNAL.code());

    /** The verdict stored under exactly this key, if any. */
    Optional<Verdict> find(VerdictKey key) throws IOException;

    /** Stores {@code verdict} under {@code key}, replacing what was there. */
    void put(VerdictKey key, Verdict verdict) throws IOException;

    /** Whether a verdict is worth keeping: done verdicts and failures that would fail again. */
    static boolean worthKeeping(Verdict verdict) {
        return worthKeeping(verdict.status(), verdict.error() == null ? null : verdict.error().code());
    }

    /** {@link #worthKeeping(Verdict)} from a verdict's status and error code (null when none). */
    static boolean worthKeeping(String status, String errorCode) {
        return Verdict.DONE.equals(status) || (errorCode != null && !TRANSIENT_ERRORS.contains(errorCode));
    }

    @Override
    default void close() throws IOException {
    }
}
