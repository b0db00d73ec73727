package dev.videoclass.index.lucene;

import dev.videoclass.index.IndexedVideo;
import dev.videoclass.index.SceneHit;
import dev.videoclass.index.SceneIndex;
import dev.videoclass.index.lucene.internal.SceneDocuments;
import dev.videoclass.index.lucene.internal.WideHnswVectorsFormat;
import dev.videoclass.spi.FrameEmbedder;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link SceneIndex} on Apache Lucene: an on-disk directory, no server. Scenes are searched
 * with Lucene's HNSW graph ({@link KnnFloatVectorQuery}, dot product of unit vectors = cosine),
 * asking the graph for {@value #DEFAULT_CANDIDATES} candidates per query so that the top few are
 * found reliably. The index records its embedding model and size in its commit data and
 * refuses other models'.
 *
 * <p>Two ways to open it: {@link #open} for the one process that writes (it holds Lucene's write
 * lock; adds and deletes are committed — durable — before they return, and its searches see them
 * at once through a near-real-time reader), {@link #openReadOnly} for any number of processes that
 * only search, each seeing the latest commit. Thread safe: searches run concurrently with one
 * another and with a writer's adds. {@link #close()} releases the files and the lock.
 */
public final class LuceneSceneIndex implements SceneIndex {
    /**
     * Candidates the HNSW search collects per query and segment (its {@code k}, HNSW's {@code ef})
     * unless {@code top} is larger: more find the exact top hits more reliably and cost more time
     * ({@code benchmarks/RESULTS.md}).
     */
    public static final int DEFAULT_CANDIDATES = 200;
    private static final String MODEL_KEY = "videoclass.embedding_model";
    private static final String DIMENSIONS_KEY = "videoclass.dimensions";
    /** The writer's buffer before it flushes a segment, MB: ~10,000 SigLIP so400m vectors with their graph. */
    private static final double RAM_BUFFER_MB = 64;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** The writer's model and size (what its commits record); unused when read-only, which reads the latest commit. */
    private volatile Held written = Held.NONE;

    /** An index's model (null while it holds none) and embedding size. */
    private record Held(String model, int dims) {
        static final Held NONE = new Held(null, 0);

        static Held of(Map<String, String> commitData) {
            return new Held(commitData.get(MODEL_KEY), Integer.parseInt(commitData.getOrDefault(DIMENSIONS_KEY, "0")));
        }
    }

    private LuceneSceneIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = writer != null ? new SearcherManager(writer, null) : new SearcherManager(directory, null);
        if (writer != null) {
            Map<String, String> data = new HashMap<>();
            Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
            if (live != null) {
                live.forEach(e -> data.put(e.getKey(), e.getValue()));
            }
            this.written = Held.of(data);
        }
    }

    /**
     * Opens the index in {@code dir} for writing (and searching), creating it when missing.
     *
     * @throws org.apache.lucene.store.LockObtainFailedException when another writer holds it open
     */
    public static LuceneSceneIndex open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FSDirectory directory = FSDirectory.open(dir);
        try {
            IndexWriterConfig config = new IndexWriterConfig().setCodec(codec())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(RAM_BUFFER_MB);
            return new LuceneSceneIndex(directory, new IndexWriter(directory, config));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /**
     * Opens the index in {@code dir} for searching only, beside a writer in another process if any.
     *
     * @throws IOException ({@link IndexNotFoundException}) when {@code dir} holds no index
     */
    public static LuceneSceneIndex openReadOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IndexNotFoundException("no scene index in " + dir);
        }
        FSDirectory directory = FSDirectory.open(dir);
        try {
            return new LuceneSceneIndex(directory, null);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Lucene's current codec with the wide HNSW format for every vector field. */
    static Codec codec() {
        KnnVectorsFormat wide = new WideHnswVectorsFormat();
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return wide;
            }
        };
    }

    @Override
    public Optional<String> embeddingModel() throws IOException {
        return Optional.ofNullable(held().model());
    }

    /** The writer's model and size, or the latest commit's when read-only. */
    private Held held() throws IOException {
        if (writer != null) {
            return written;
        }
        IndexSearcher s = acquire();
        try {
            return Held.of(((DirectoryReader) s.getIndexReader()).getIndexCommit().getUserData());
        } finally {
            searchers.release(s);
        }
    }

    @Override
    public synchronized void add(IndexedVideo video) throws IOException {
        addAll(List.of(video));
    }

    /** Adds the videos with one commit. */
    @Override
    public synchronized void addAll(List<IndexedVideo> videos) throws IOException {
        requireWriter();
        Held held = written;
        for (IndexedVideo v : videos) {
            SceneIndex.requireSameModel(held.model(), held.dims(), v.model(), v.dimensions());
            held = new Held(v.model(), v.dimensions());
        }
        for (IndexedVideo v : videos) {
            writer.updateDocuments(new Term(SceneDocuments.CONTENT_HASH, v.contentHash()), SceneDocuments.of(v));
        }
        written = held;
        commit();
    }

    @Override
    public Optional<List<String>> paths(String contentHash) throws IOException {
        IndexSearcher s = acquire();
        try {
            return content(s, contentHash).map(SceneDocuments::paths);
        } finally {
            searchers.release(s);
        }
    }

    @Override
    public synchronized boolean updatePaths(String contentHash, List<String> paths) throws IOException {
        requireWriter();
        if (paths(contentHash).isEmpty()) {
            return false;
        }
        writer.updateDocument(new Term(SceneDocuments.VIDEO_ID, contentHash), SceneDocuments.content(contentHash, paths));
        commit();
        return true;
    }

    @Override
    public synchronized boolean delete(String contentHash) throws IOException {
        requireWriter();
        if (paths(contentHash).isEmpty()) {
            return false;
        }
        writer.deleteDocuments(new Term(SceneDocuments.CONTENT_HASH, contentHash));
        commit();
        return true;
    }

    @Override
    public int videos() throws IOException {
        IndexSearcher s = acquire();
        try {
            return s.count(SceneDocuments.CONTENTS);
        } finally {
            searchers.release(s);
        }
    }

    @Override
    public List<SceneHit> search(String model, float[] vector, int top, double minScore) throws IOException {
        return search(model, vector, top, minScore, DEFAULT_CANDIDATES);
    }

    /**
     * {@link #search(String, float[], int, double)} with the HNSW search's effort.
     *
     * @param candidates candidates to collect per segment, at least 1 (at least {@code top} are)
     */
    public List<SceneHit> search(String model, float[] vector, int top, double minScore, int candidates) throws IOException {
        if (top < 1 || candidates < 1) {
            throw new IllegalArgumentException("top and candidates must be at least 1");
        }
        float[] query = FrameEmbedder.unit(vector);
        Held held = held();
        if (held.model() == null) {
            return List.of();
        }
        SceneIndex.requireSameModel(held.model(), held.dims(), model, query.length);
        IndexSearcher s = acquire();
        try {
            int k = Math.max(top, candidates);
            TopDocs found = s.search(new KnnFloatVectorQuery(SceneDocuments.VECTOR, query, k), k);
            List<SceneHit> hits = new ArrayList<>(top);
            Map<String, List<String>> paths = new HashMap<>();
            for (ScoreDoc d : found.scoreDocs) {
                double cosine = SceneDocuments.cosine(d.score);
                if (hits.size() == top || cosine < minScore) {
                    break;
                }
                Document scene = s.storedFields().document(d.doc);
                String hash = scene.get(SceneDocuments.CONTENT_HASH);
                List<String> p = paths.get(hash);
                if (p == null) {
                    p = content(s, hash).map(SceneDocuments::paths).orElse(List.of());
                    paths.put(hash, p);
                }
                hits.add(SceneDocuments.hit(scene, cosine, p));
            }
            return hits;
        } finally {
            searchers.release(s);
        }
    }

    /**
     * Merges the index into one segment and commits. A search visits every segment's graph, each
     * with the full number of candidates, so after a bulk load — which leaves a segment per
     * ~10,000 so400m vectors — one graph costs a search less; the merge costs about as much as inserting
     * the smaller segments' vectors again. Searches keep running meanwhile.
     */
    public synchronized void mergeSegments() throws IOException {
        requireWriter();
        writer.forceMerge(1);
        commit();
    }

    /** Number of segments, each with its own graph, that a search visits. */
    public int segments() throws IOException {
        IndexSearcher s = acquire();
        try {
            return s.getIndexReader().leaves().size();
        } finally {
            searchers.release(s);
        }
    }

    /** A searcher on the latest state: the writer's near-real-time view, or the latest commit. */
    private IndexSearcher acquire() throws IOException {
        if (writer == null) {
            searchers.maybeRefresh();
        }
        return searchers.acquire();
    }

    private static Optional<Document> content(IndexSearcher s, String contentHash) throws IOException {
        TopDocs t = s.search(new TermQuery(new Term(SceneDocuments.VIDEO_ID, contentHash)), 1);
        return t.scoreDocs.length == 0 ? Optional.empty() : Optional.of(s.storedFields().document(t.scoreDocs[0].doc));
    }

    private void requireWriter() {
        if (writer == null) {
            throw new UnsupportedOperationException("this scene index was opened read-only");
        }
    }

    /** Records the model, commits (durable) and makes the change visible to searches. */
    private void commit() throws IOException {
        Held h = written;
        if (h.model() != null) {
            writer.setLiveCommitData(Map.of(MODEL_KEY, h.model(), DIMENSIONS_KEY, Integer.toString(h.dims())).entrySet());
        }
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    @Override
    public synchronized void close() throws IOException {
        try (directory; searchers) {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
