package dev.videoclass.examples;

import dev.videoclass.Verdict;
import dev.videoclass.VideoException;
import dev.videoclass.index.IndexedVideo;
import dev.videoclass.index.SceneIndex;
import dev.videoclass.spi.FrameEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The example service's scene search: keeps the scenes of every video the service classifies in a
 * {@link SceneIndex} (one entry per content, named by the jobs that uploaded it) and answers text
 * queries with the classifier's own embedder. Thread safe (the index and the embedder are);
 * {@link #close()} closes the index.
 */
final class SceneSearch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SceneSearch.class);

    private final SceneIndex index;
    private final FrameEmbedder embedder;

    /**
     * @param index    where the scenes go (owned: closed with this)
     * @param embedder the classifier's embedder, the model of the index
     */
    SceneSearch(SceneIndex index, FrameEmbedder embedder) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    /** {@code {"query": text, "hits": [...]}}, best first (the CLI's search output). */
    Map<String, Object> search(String text, int top, double minScore) throws IOException, VideoException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("query", text);
        json.put("hits", SearchCommand.hitsJson(index.search(embedder.modelId(), embedder.embedText(text), top, minScore)));
        return json;
    }

    /**
     * Indexes a finished job's verdict under its content hash, adding {@code name} to the paths of a
     * content already held. Failed verdicts are skipped; index errors are logged, not thrown (the job
     * is done either way).
     */
    synchronized void record(String contentHash, String name, Verdict verdict) { // jobs end on several threads
        if (verdict == null || !verdict.isDone()) {
            return;
        }
        try {
            Optional<List<String>> held = index.paths(contentHash);
            if (held.isPresent()) {
                LinkedHashSet<String> paths = new LinkedHashSet<>(held.get());
                paths.add(name);
                index.updatePaths(contentHash, new ArrayList<>(paths));
            } else {
                index.add(IndexedVideo.of(contentHash, List.of(name), verdict));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not index the scenes of {}: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            index.close();
        } catch (IOException e) {
            LOG.warn("closing the scene index failed: {}", e.toString());
        }
    }
}
