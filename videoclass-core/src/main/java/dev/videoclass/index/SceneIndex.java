package dev.videoclass.index;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps videos' scene embeddings and finds the scenes nearest to a query vector: a text query
 * encoded by the same model's text tower ("the part where they cut the cake"), or a photo's image
 * embedding. One entry per video content (by content hash) with all the paths that hold it.
 *
 * <p><b>Contract.</b> An index holds the embeddings of one model ({@link #embeddingModel()}, set by
 * the first {@link #add}): it refuses, with an {@link IllegalArgumentException} naming both, a
 * video or a query of another model, since vectors of different models do not compare. Vectors
 * are unit length and a hit's score is their cosine similarity. Implementations are thread safe:
 * searches run concurrently with one another and with adds and deletes, and see each add or delete
 * once it has returned. {@link #close()} releases files and threads.
 *
 * <p>The built-in implementations: {@link InMemorySceneIndex} (exact, not persistent) and, in
 * {@code videoclass-index}, {@code LuceneSceneIndex} (HNSW on disk, no server). Another store
 * (OpenSearch, Elasticsearch, a vector database) plugs in here:
 *
 * <pre>{@code
 * try (SceneIndex index = LuceneSceneIndex.open(Path.of("scenes"))) {
 *     index.add(IndexedVideo.of(ContentHash.of(file), List.of(file.toString()), verdict));
 *     float[] query = classifier.embedder().orElseThrow().embedText("a birthday cake");
 *     List<SceneHit> hits = index.search(verdict.embeddingModel(), query, 10, SceneIndex.DEFAULT_MIN_SCORE);
 * }
 * }</pre>
 */
public interface SceneIndex extends AutoCloseable {
    /** Default number of hits. */
    int DEFAULT_TOP = 10;
    /**
     * Default least cosine similarity of a hit: 0, which keeps every scene on the query's side and
     * leaves the ranking to do the rest. Text-to-picture cosines live on model-specific scales: CLIP
     * puts a fitting caption around 0.2–0.35 (its photo search customarily drops hits below 0.20),
     * while SigLIP's sigmoid training puts an even match near {@code -bias / scale} of its learned
     * logit bias and scale, about 0.1 — so CLIP's 0.20 would drop nearly every SigLIP match. Choose
     * a threshold per model.
     */
    double DEFAULT_MIN_SCORE = 0.0;

    /** The model whose embeddings the index holds; empty while it holds none. */
    Optional<String> embeddingModel() throws IOException;

    /**
     * Adds a video's scenes, replacing what the index held for its content hash; durable and
     * searchable when it returns.
     *
     * @throws IllegalArgumentException when the video's model or embedding size differs from the index's
     */
    void add(IndexedVideo video) throws IOException;

    /**
     * Adds many videos at once, as {@link #add} adds each: for a bulk load, where an implementation
     * can commit once instead of once per video. Either all are added, or an exception is thrown
     * (an implementation may have added some of them then).
     */
    default void addAll(List<IndexedVideo> videos) throws IOException {
        for (IndexedVideo v : videos) {
            add(v);
        }
    }

    /** The paths of an indexed content; empty when the index does not hold it. */
    Optional<List<String>> paths(String contentHash) throws IOException;

    /**
     * Replaces the paths of an indexed content, keeping its scenes.
     *
     * @return false when the index does not hold the content
     */
    boolean updatePaths(String contentHash, List<String> paths) throws IOException;

    /**
     * Removes a content and all its scenes.
     *
     * @return false when the index did not hold it
     */
    boolean delete(String contentHash) throws IOException;

    /** Number of contents held. */
    int videos() throws IOException;

    /**
     * The scenes nearest to {@code vector}, best first.
     *
     * @param model    the model that encoded the query; must be the index's
     * @param vector   the query embedding (normalised here if it is not unit length)
     * @param top      most hits, at least 1
     * @param minScore least cosine similarity of a hit, −1..1
     * @return at most {@code top} hits, empty for an empty index
     * @throws IllegalArgumentException when {@code model} or the vector's size is not the index's
     */
    List<SceneHit> search(String model, float[] vector, int top, double minScore) throws IOException;

    @Override
    void close() throws IOException;

    /**
     * Checks that {@code model} and {@code dims} may enter or query an index holding {@code held}
     * embeddings of {@code heldDims} dimensions (for implementations).
     *
     * @param held     the index's model, or null while it holds none (anything fits then)
     * @param heldDims the index's embedding size
     * @throws IllegalArgumentException naming both models or sizes
     */
    static void requireSameModel(String held, int heldDims, String model, int dims) {
        if (held == null) {
            return;
        }
        if (!held.equals(model)) {
            throw new IllegalArgumentException("the scene index holds embeddings of model " + held + ", not of " + model
                    + ": vectors of different models do not compare (use the index's model, or another index)");
        }
        if (heldDims != dims) {
            throw new IllegalArgumentException("the scene index holds " + heldDims + "-dimensional embeddings, not " + dims);
        }
    }
}
