package dev.videoclass.benchmarks;

import dev.videoclass.SceneEmbedding;
import dev.videoclass.index.IndexedScene;
import dev.videoclass.index.IndexedVideo;
import dev.videoclass.index.SceneHit;
import dev.videoclass.index.lucene.LuceneSceneIndex;
import dev.videoclass.spi.FrameEmbedder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Scene search at scale, outside the unit tests (building the index takes minutes): loads N
 * synthetic unit vectors of D dimensions into a {@link LuceneSceneIndex} and times queries through
 * its public {@code search} (HNSW, stored fields, paths) against exact brute-force search over the
 * same vectors in memory, in the same run; recall@10 is the share of the exact top 10 that the
 * index returns.
 *
 * <p>The vectors have the structure of real scene embeddings rather than uniform noise: videos
 * belong to one of {@value #TOPICS} topics (a random direction), a video's scenes scatter around a
 * video direction near its topic, and queries are topic directions with noise (a text query names a
 * topic, not a scene). With {@code uniform} every vector is independent uniform noise instead: the
 * worst case for any graph index, reported for contrast.
 *
 * <p>Each query is timed twice: wall clock and the CPU time of the querying thread. On a machine
 * shared with other work the wall clock includes the time the thread waited for a core; its CPU
 * time does not. With {@code merged-only} the index is measured once, after {@code mergeSegments()},
 * instead of before and after.
 *
 * <pre>java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.videoclass.benchmarks.SceneSearchHarness [scenes] [dims] [queries] [clustered|uniform] [merged-only]</pre>
 */
public final class SceneSearchHarness {
    static final int TOPICS = 1000;
    static final int SCENES_PER_VIDEO = 10;
    static final int K = 10;
    static final int WARMUP = 200;
    static final String MODEL = "synthetic";
    /** The HNSW search efforts measured: candidates per query and segment. */
    static final int[] CANDIDATES = {100, 200, 400};

    private SceneSearchHarness() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dims = args.length > 1 ? Integer.parseInt(args[1]) : 1152;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        boolean uniform = args.length > 3 && args[3].equals("uniform");
        boolean mergedOnly = args.length > 4 && args[4].equals("merged-only");
        Random r = new Random(20261129L);
        float[][] topics = new float[TOPICS][];
        for (int t = 0; t < TOPICS; t++) {
            topics[t] = gaussian(r, dims, 1.0);
        }
        float[][] vectors = new float[n][];
        Path dir = Files.createTempDirectory("videoclass-scene-bench");
        long buildNs;
        try (LuceneSceneIndex index = LuceneSceneIndex.open(dir)) {
            long t0 = System.nanoTime();
            List<IndexedVideo> batch = new ArrayList<>();
            for (int v = 0; v * SCENES_PER_VIDEO < n; v++) {
                float[] video = uniform ? null : add(topics[r.nextInt(TOPICS)], gaussian(r, dims, 0.6));
                List<IndexedScene> scenes = new ArrayList<>();
                for (int s = 0; s < SCENES_PER_VIDEO && v * SCENES_PER_VIDEO + s < n; s++) {
                    float[] x = FrameEmbedder.unit(uniform ? gaussian(r, dims, 1.0) : add(video, gaussian(r, dims, 0.5)));
                    vectors[v * SCENES_PER_VIDEO + s] = x;
                    scenes.add(new IndexedScene(s * 2.0 + 1, new SceneEmbedding(s * 2.0, s * 2.0 + 2, x), false, List.of()));
                }
                batch.add(new IndexedVideo(String.format(Locale.ROOT, "%064d", v), List.of("/videos/" + v + ".mp4"), MODEL, scenes));
                if (batch.size() == 1000) {
                    index.addAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                index.addAll(batch);
            }
            buildNs = System.nanoTime() - t0;
            System.out.printf(Locale.ROOT, "built: %d scenes x %d dims (%s) in %.1f s, %d segments, %d MB on disk%n", n, dims,
                    uniform ? "uniform" : "clustered", buildNs / 1e9, index.segments(), size(dir) >> 20);
            if (!mergedOnly) {
                measure(index, vectors, topics, queries, uniform, dims, new Random(7));
            }
            long t1 = System.nanoTime();
            index.mergeSegments();
            System.out.printf(Locale.ROOT, "merged into %d segment in %.1f s%n", index.segments(), (System.nanoTime() - t1) / 1e9);
            measure(index, vectors, topics, queries, uniform, dims, new Random(7));
        } finally {
            if (System.getProperty("keep") == null) {
                delete(dir);
            } else {
                System.out.println("kept " + dir);
            }
        }
    }

    /** Times exact search and, interleaved query by query, the index at each effort; prints percentiles and recall. */
    private static void measure(LuceneSceneIndex index, float[][] vectors, float[][] topics, int queries, boolean uniform,
                                int dims, Random r) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] hnswNs = new long[CANDIDATES.length][queries];
        long[][] hnswCpuNs = new long[CANDIDATES.length][queries];
        long[] exactNs = new long[queries];
        long[] exactCpuNs = new long[queries];
        double[] recall = new double[CANDIDATES.length];
        for (int q = -WARMUP; q < queries; q++) {
            float[] query = FrameEmbedder.unit(uniform ? gaussian(r, dims, 1.0) : add(topics[r.nextInt(TOPICS)], gaussian(r, dims, 0.8)));
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int[] exact = exactTop(vectors, query, K);
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            Set<Integer> truth = new HashSet<>();
            for (int i : exact) {
                truth.add(i);
            }
            for (int c = 0; c < CANDIDATES.length; c++) {
                long c2 = threads.getCurrentThreadCpuTime();
                long t2 = System.nanoTime();
                List<SceneHit> hits = index.search(MODEL, query, K, -1, CANDIDATES[c]);
                long t3 = System.nanoTime();
                long c3 = threads.getCurrentThreadCpuTime();
                if (q >= 0) {
                    hnswNs[c][q] = t3 - t2;
                    hnswCpuNs[c][q] = c3 - c2;
                    int found = 0;
                    for (SceneHit h : hits) {
                        int id = Integer.parseInt(h.contentHash()) * SCENES_PER_VIDEO + (int) (h.sceneStartS() / 2);
                        found += truth.contains(id) ? 1 : 0;
                    }
                    recall[c] += found / (double) K;
                }
            }
            if (q >= 0) {
                exactNs[q] = t1 - t0;
                exactCpuNs[q] = c1 - c0;
            }
        }
        System.out.printf(Locale.ROOT, "queries: %d (after %d warm-up), top %d, %d segment(s)%n", queries, WARMUP, K, index.segments());
        System.out.printf(Locale.ROOT, "  exact (brute force, 1 thread): wall p50 %6.2f ms, p99 %6.2f ms; cpu p50 %6.2f ms, p99 %6.2f ms%n",
                pct(exactNs, 50), pct(exactNs, 99), pct(exactCpuNs, 50), pct(exactCpuNs, 99));
        for (int c = 0; c < CANDIDATES.length; c++) {
            System.out.printf(Locale.ROOT, "  HNSW, %3d candidates:         wall p50 %6.2f ms, p99 %6.2f ms; cpu p50 %6.2f ms, p99 %6.2f ms;"
                            + " recall@%d %.4f%s%n", CANDIDATES[c], pct(hnswNs[c], 50), pct(hnswNs[c], 99), pct(hnswCpuNs[c], 50),
                    pct(hnswCpuNs[c], 99), K, recall[c] / queries,
                    CANDIDATES[c] == LuceneSceneIndex.DEFAULT_CANDIDATES ? "  (default)" : "");
        }
    }

    /** Indices of the k vectors with the highest dot product with the query, best first. */
    static int[] exactTop(float[][] vectors, float[] query, int k) {
        int[] best = new int[k];
        double[] scores = new double[k];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < vectors.length; i++) {
            float[] v = vectors[i];
            float dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += v[d] * query[d];
            }
            if (dot > scores[k - 1]) {
                int j = k - 1;
                while (j > 0 && scores[j - 1] < dot) {
                    scores[j] = scores[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                scores[j] = dot;
                best[j] = i;
            }
        }
        return best;
    }

    static float[] gaussian(Random r, int dims, double sigma) {
        float[] v = new float[dims];
        double scale = sigma / Math.sqrt(dims);
        for (int i = 0; i < dims; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    static double pct(long[] ns, int p) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
