package dev.videoclass.store;

import dev.videoclass.Verdict;
import dev.videoclass.Classifier;
import dev.videoclass.VideoInput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Classifies each distinct content once: hashes the input ({@link ContentHash}), answers from the
 * {@link VerdictStore} when the same bytes were judged by the same scorer and rubric
 * ({@link VerdictKey}), and otherwise classifies and stores the verdict (unless its failure is
 * transient, {@link VerdictStore#worthKeeping}). Thread safe when the store is; two concurrent calls
 * with the same new content may both classify it (the store keeps one).
 */
public final class DedupingClassifier {
    private final Classifier classifier;
    private final VerdictStore store;

    /**
     * The outcome of one call.
     *
     * @param contentHash SHA-256 hex of the input
     * @param verdict     the verdict, stored or new
     * @param reused      true when it came from the store
     */
    public record Result(String contentHash, Verdict verdict, boolean reused) {
    }

    /** Borrows both: neither is closed by this class. */
    public DedupingClassifier(Classifier classifier, VerdictStore store) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Classifies a file once per content. */
    public Result classify(Path file) throws IOException {
        return classify(ContentHash.of(file), VideoInput.of(file));
    }

    /** Classifies uploaded bytes once per content. */
    public Result classify(byte[] bytes) throws IOException {
        return classify(ContentHash.of(bytes), VideoInput.of(bytes));
    }

    /** The key a content hash has under this classifier's scorer and rubric. */
    public VerdictKey key(String contentHash) {
        return VerdictKey.of(contentHash, classifier);
    }

    private Result classify(String hash, VideoInput input) throws IOException {
        VerdictKey key = key(hash);
        var stored = store.find(key);
        if (stored.isPresent()) {
            return new Result(hash, stored.get(), true);
        }
        Verdict v = classifier.classify(input);
        if (VerdictStore.worthKeeping(v)) {
            store.put(key, v);
        }
        return new Result(hash, v, false);
    }
}
