package dev.videoclass.index;

import dev.videoclass.spi.FrameEmbedder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link SceneIndex} in memory with exact search: every query is compared with every scene. For
 * tests, small collections and as the reference that approximate indexes are measured against;
 * nothing survives the process. Thread safe (a read-write lock: searches run concurrently).
 */
public final class InMemorySceneIndex implements SceneIndex {
    private final Map<String, IndexedVideo> videos = new LinkedHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private String model;
    private int dims;

    @Override
    public Optional<String> embeddingModel() {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(model);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void add(IndexedVideo video) {
        lock.writeLock().lock();
        try {
            SceneIndex.requireSameModel(model, dims, video.model(), video.dimensions());
            model = video.model();
            dims = video.dimensions();
            videos.put(video.contentHash(), video);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<List<String>> paths(String contentHash) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(videos.get(contentHash)).map(IndexedVideo::paths);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean updatePaths(String contentHash, List<String> paths) {
        lock.writeLock().lock();
        try {
            IndexedVideo v = videos.get(contentHash);
            if (v != null) {
                videos.put(contentHash, new IndexedVideo(contentHash, paths, v.model(), v.scenes()));
            }
            return v != null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean delete(String contentHash) {
        lock.writeLock().lock();
        try {
            return videos.remove(contentHash) != null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int videos() {
        lock.readLock().lock();
        try {
            return videos.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<SceneHit> search(String model, float[] vector, int top, double minScore) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1");
        }
        float[] query = FrameEmbedder.unit(vector);
        lock.readLock().lock();
        try {
            if (this.model == null) {
                return List.of();
            }
            SceneIndex.requireSameModel(this.model, dims, model, query.length);
            PriorityQueue<SceneHit> best = new PriorityQueue<>(Comparator.comparingDouble(SceneHit::score));
            for (IndexedVideo v : videos.values()) {
                for (IndexedScene s : v.scenes()) {
                    double score = FrameEmbedder.dot(query, s.embedding().vector());
                    if (score >= minScore && (best.size() < top || score > best.peek().score())) {
                        best.add(new SceneHit(v.contentHash(), v.paths(), s.ptsS(), s.embedding().sceneStartS(),
                                s.embedding().sceneEndS(), score, s.explicit(), s.tags()));
                        if (best.size() > top) {
                            best.poll();
                        }
                    }
                }
            }
            List<SceneHit> hits = new ArrayList<>(best);
            hits.sort(Comparator.comparingDouble(SceneHit::score).reversed());
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
