package dev.videoclass.index;

import dev.videoclass.Classifier;
import dev.videoclass.Verdict;
import dev.videoclass.VideoInput;
import dev.videoclass.store.Backfill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Indexes the scenes of every distinct video content under a folder once: walks it as
 * {@link Backfill} does (same video extensions, same content hash), then classifies — with
 * embeddings — only the contents the {@link SceneIndex} does not hold yet and adds their scenes. A
 * second run over the same folder only hashes (and records paths that appeared or vanished for
 * contents already held); a run killed half way resumes where it stopped, since each video is
 * durable once added. Videos whose verdict fails are counted, logged and left out, so the next run
 * tries them again.
 *
 * <p>The classifier must give embeddings ({@code VideoClassifier.Builder.embeddings(true)}); it and
 * the index are borrowed, not closed. One instance runs once at a time.
 */
public final class SceneIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(SceneIndexer.class);

    /**
     * What a run did.
     *
     * @param files   video files found
     * @param contents distinct contents among them
     * @param added   contents classified and added by this run
     * @param present contents the index already held
     * @param failed  contents whose verdict failed (not indexed)
     * @param scenes  scenes added by this run
     * @param seconds wall-clock duration of the run
     */
    public record Summary(int files, int contents, int added, int present, int failed, int scenes, double seconds) {
    }

    private final Classifier classifier;
    private final SceneIndex index;
    private final int parallel;
    private final Backfill.Listener listener;

    /**
     * @param classifier classifies with embeddings (shared by the threads; borrowed)
     * @param index      where the scenes go (borrowed)
     * @param parallel   videos classified at once, at least 1
     * @param listener   progress reports (as {@link Backfill}'s), or null
     */
    public SceneIndexer(Classifier classifier, SceneIndex index, int parallel, Backfill.Listener listener) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.index = Objects.requireNonNull(index, "index");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.parallel = parallel;
        this.listener = listener == null ? new Backfill.Listener() { } : listener;
    }

    /**
     * Walks {@code dir} and adds the contents the index does not hold.
     *
     * @throws IOException              when the folder cannot be read or the index written
     * @throws IllegalArgumentException when the classifier's verdicts carry no embeddings, or
     *                                  embeddings of another model than the index holds
     */
    public Summary run(Path dir) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<Path> files = Backfill.videoFiles(dir);
        Map<String, List<Path>> byContent = Backfill.byContent(files);
        List<Map.Entry<String, List<String>>> todo = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : byContent.entrySet()) {
            List<String> paths = e.getValue().stream().map(Path::toString).toList();
            Optional<List<String>> held = index.paths(e.getKey());
            if (held.isEmpty()) {
                todo.add(Map.entry(e.getKey(), paths));
            } else if (!held.get().equals(paths)) {
                index.updatePaths(e.getKey(), paths);
            }
        }
        int present = byContent.size() - todo.size();
        listener.hashed(files.size(), byContent.size(), present);
        Counts counts = indexAll(todo);
        return new Summary(files.size(), byContent.size(), counts.added.get(), present, counts.failed.get(),
                counts.scenes.get(), (System.nanoTime() - t0) / 1e9);
    }

    /** What the workers did so far. */
    private static final class Counts {
        final AtomicInteger added = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger scenes = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile boolean stop;
    }

    private Counts indexAll(List<Map.Entry<String, List<String>>> todo) throws IOException, InterruptedException {
        Counts counts = new Counts();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "videoclass-index");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (Map.Entry<String, List<String>> content : todo) {
                running.add(pool.submit(() -> {
                    if (!counts.stop) {
                        indexOne(content.getKey(), content.getValue(), counts);
                        int n = counts.finished.incrementAndGet();
                        double perMinute = n / Math.max((System.nanoTime() - start) / 60e9, 1e-9);
                        listener.progress(n, todo.size(), perMinute, (todo.size() - n) / perMinute * 60);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : running) {
                await(f, counts);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    private void indexOne(String contentHash, List<String> paths, Counts counts) throws IOException {
        Verdict v = classifier.classify(VideoInput.of(Path.of(paths.get(0))));
        if (!v.isDone()) {
            counts.failed.incrementAndGet();
            LOG.warn("not indexed, {}: {}: {}", paths.get(0), v.error().code().code(), v.error().message());
            return;
        }
        IndexedVideo video = IndexedVideo.of(contentHash, paths, v);
        index.add(video);
        counts.added.incrementAndGet();
        counts.scenes.addAndGet(video.scenes().size());
    }

    /** Waits for one worker; the first failure stops the others (as a crash would) and is rethrown. */
    private static void await(Future<Void> f, Counts counts) throws IOException, InterruptedException {
        try {
            f.get();
        } catch (ExecutionException ex) {
            counts.stop = true;
            Throwable cause = ex.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("indexing worker failed: " + cause, cause);
        }
    }
}
