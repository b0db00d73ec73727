package dev.videoclass.index.lucene;

import dev.videoclass.SceneEmbedding;
import dev.videoclass.index.InMemorySceneIndex;
import dev.videoclass.index.IndexedScene;
import dev.videoclass.index.IndexedVideo;
import dev.videoclass.index.SceneHit;
import dev.videoclass.spi.FrameEmbedder;
import org.apache.lucene.store.LockObtainFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The Lucene scene index: restarts, deletes, readers beside a writer, one model per index. */
class LuceneSceneIndexTest {
    static final String SIGLIP = "onnx:siglip2-so400m@0123456789ab";
    /** SigLIP so400m's size: above Lucene 9's own limit of 1,024. */
    static final int DIMS = 1152;

    @TempDir
    Path tmp;

    static float[] random(Random r, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return FrameEmbedder.unit(v);
    }

    static IndexedVideo video(String hash, String model, float[]... vectors) {
        List<IndexedScene> scenes = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            scenes.add(new IndexedScene(2.0 * i + 0.5, new SceneEmbedding(2.0 * i, 2.0 * i + 2, vectors[i]), i == 1,
                    i == 1 ? List.of("beach") : List.of()));
        }
        return new IndexedVideo(hash, List.of("/videos/" + hash + ".mp4"), model, scenes);
    }

    @Test
    void survivesARestartWithItsModelScenesAndPaths() throws Exception {
        Random r = new Random(1);
        float[] a0 = random(r, DIMS);
        float[] a1 = random(r, DIMS);
        try (LuceneSceneIndex index = LuceneSceneIndex.open(tmp)) {
            assertThat(index.embeddingModel()).isEmpty();
            assertThat(index.search(SIGLIP, a0, 5, -1)).isEmpty();
            index.add(video("aaa", SIGLIP, a0, a1));
            index.add(video("bbb", SIGLIP, random(r, DIMS)));
            assertThat(index.updatePaths("aaa", List.of("/videos/aaa.mp4", "/backup/aaa.mp4"))).isTrue();
        }
        try (LuceneSceneIndex index = LuceneSceneIndex.open(tmp)) {
            assertThat(index.embeddingModel()).contains(SIGLIP);
            assertThat(index.videos()).isEqualTo(2);
            List<SceneHit> hits = index.search(SIGLIP, a1, 3, -1);
            SceneHit best = hits.get(0);
            assertThat(best.contentHash()).isEqualTo("aaa");
            assertThat(best.score()).isCloseTo(1.0, within(1e-5));
            assertThat(best.ptsS()).isEqualTo(2.5);
            assertThat(best.sceneStartS()).isEqualTo(2.0);
            assertThat(best.sceneEndS()).isEqualTo(4.0);
            assertThat(best.explicit()).isTrue();
            assertThat(best.tags()).containsExactly("beach");
            assertThat(best.paths()).containsExactly("/videos/aaa.mp4", "/backup/aaa.mp4");
            assertThat(hits).hasSize(3);
            assertThat(hits.get(1).score()).isLessThan(0.2); // random 1152-d vectors are nearly orthogonal
        }
    }

    @Test
    void deletingAContentRemovesItsScenesForGood() throws Exception {
        Random r = new Random(2);
        float[] x = random(r, 8);
        try (LuceneSceneIndex index = LuceneSceneIndex.open(tmp)) {
            index.add(video("keep", "m", random(r, 8)));
            index.add(video("drop", "m", x, random(r, 8)));
            assertThat(index.delete("drop")).isTrue();
            assertThat(index.delete("drop")).isFalse();
            assertThat(index.paths("drop")).isEmpty();
            assertThat(index.search("m", x, 10, -1)).extracting(SceneHit::contentHash).containsOnly("keep");
        }
        try (LuceneSceneIndex index = LuceneSceneIndex.open(tmp)) {
            assertThat(index.videos()).isEqualTo(1);
            assertThat(index.search("m", x, 10, -1)).extracting(SceneHit::contentHash).containsOnly("keep");
            index.add(video("keep", "m", x)); // replacing a content replaces its scenes
            assertThat(index.search("m", x, 10, -1)).hasSize(1).first().satisfies(h -> assertThat(h.score()).isCloseTo(1.0, within(1e-5)));
        }
    }

    @Test
    void refusesToMixModelsOrToAnswerAnotherModelsQuery() throws Exception {
        Random r = new Random(3);
        try (LuceneSceneIndex index = LuceneSceneIndex.open(tmp)) {
            index.add(video("a", SIGLIP, random(r, DIMS)));
            assertThatThrownBy(() -> index.add(video("b", "onnx:clip-b32@ffff", random(r, 512))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SIGLIP).hasMessageContaining("clip-b32");
            assertThatThrownBy(() -> index.add(video("c", SIGLIP, random(r, 768))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1152");
            assertThatThrownBy(() -> index.search("onnx:clip-b32@ffff", random(r, DIMS), 3, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SIGLIP);
        }
        try (LuceneSceneIndex reader = LuceneSceneIndex.openReadOnly(tmp)) {
            assertThat(reader.embeddingModel()).contains(SIGLIP);
            assertThatThrownBy(() -> reader.search("other", random(r, DIMS), 3, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> reader.add(video("d", SIGLIP, random(r, DIMS)))).isInstanceOf(UnsupportedOperationException.class);
        }
        try (LuceneSceneIndex index = LuceneSceneIndex.open(tmp)) {
            assertThatThrownBy(() -> index.add(video("e", "onnx:clip-b32@ffff", random(r, DIMS))))
                    .as("the model survives a restart").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void searchesRunWhileOneWriterAddsAndSeeEachAddOnceItReturned() throws Exception {
        Random r = new Random(4);
        int videos = 60;
        List<float[]> firsts = new ArrayList<>();
        List<IndexedVideo> all = new ArrayList<>();
        for (int v = 0; v < videos; v++) {
            float[] first = random(r, 64);
            firsts.add(first);
            all.add(video("v" + v, "m", first, random(r, 64), random(r, 64)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (LuceneSceneIndex index = LuceneSceneIndex.open(tmp);
             LuceneSceneIndex otherProcess = LuceneSceneIndex.openReadOnly(createEmptyCommit(tmp.resolve("ro")))) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch started = new CountDownLatch(3);
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = t;
                readers.add(pool.submit(() -> {
                    Random q = new Random(100 + seed);
                    int searches = 0;
                    started.countDown();
                    while (writing.get()) {
                        int added = index.videos();
                        int probe = q.nextInt(videos);
                        List<SceneHit> hits = index.search("m", firsts.get(probe), 5, -1);
                        // a video the writer had added before this search began is found by its own scene
                        if (probe < added && !hits.isEmpty()) {
                            assertThat(hits.get(0).contentHash()).isEqualTo("v" + probe);
                        }
                        searches++;
                    }
                    return searches;
                }));
            }
            started.await(10, TimeUnit.SECONDS);
            for (IndexedVideo v : all) {
                index.add(v);
                assertThat(index.search("m", firsts.get(all.indexOf(v)), 1, -1).get(0).contentHash())
                        .isEqualTo(v.contentHash());
            }
            writing.set(false);
            int total = 0;
            for (Future<Integer> f : readers) {
                try {
                    total += f.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    errors.add(e.getCause());
                }
            }
            assertThat(errors).isEmpty();
            assertThat(total).isPositive();
            assertThat(index.videos()).isEqualTo(videos);
        } finally {
            pool.shutdownNow();
        }
        try (LuceneSceneIndex reader = LuceneSceneIndex.openReadOnly(tmp)) {
            assertThat(reader.videos()).isEqualTo(videos);
            assertThat(reader.search("m", firsts.get(7), 1, -1).get(0).contentHash()).isEqualTo("v7");
        }
    }

    @Test
    void aReadOnlyIndexSeesTheWritersCommitsAndASecondWriterIsLockedOut() throws Exception {
        Random r = new Random(5);
        float[] x = random(r, 16);
        try (LuceneSceneIndex writer = LuceneSceneIndex.open(tmp)) {
            writer.add(video("first", "m", random(r, 16)));
            try (LuceneSceneIndex reader = LuceneSceneIndex.openReadOnly(tmp)) {
                assertThat(reader.search("m", x, 10, -1)).extracting(SceneHit::contentHash).containsOnly("first");
                writer.add(video("second", "m", x));
                assertThat(reader.search("m", x, 1, -1).get(0).contentHash()).isEqualTo("second");
            }
            assertThatThrownBy(() -> LuceneSceneIndex.open(tmp)).isInstanceOf(LockObtainFailedException.class);
        }
        assertThatThrownBy(() -> LuceneSceneIndex.openReadOnly(tmp.resolve("missing")))
                .isInstanceOf(org.apache.lucene.index.IndexNotFoundException.class);
    }

    @Test
    void theGraphFindsWhatExactSearchFindsOnASmallCollection() throws Exception {
        Random r = new Random(6);
        InMemorySceneIndex exact = new InMemorySceneIndex();
        try (LuceneSceneIndex index = LuceneSceneIndex.open(tmp)) {
            for (int v = 0; v < 60; v++) {
                IndexedVideo video = video("v" + v, "m", random(r, 32), random(r, 32), random(r, 32));
                index.add(video);
                exact.add(video);
            }
            for (int q = 0; q < 20; q++) {
                float[] query = random(r, 32);
                List<SceneHit> approximate = index.search("m", query, 10, 0.1);
                List<SceneHit> truth = exact.search("m", query, 10, 0.1);
                assertThat(approximate).extracting(h -> h.contentHash() + "@" + h.ptsS())
                        .containsExactlyElementsOf(truth.stream().map(h -> h.contentHash() + "@" + h.ptsS()).toList());
                for (int i = 0; i < truth.size(); i++) {
                    assertThat(approximate.get(i).score()).isCloseTo(truth.get(i).score(), within(1e-5));
                }
            }
        }
    }

    /** An index folder with one empty commit, for a reader opened before anything is written. */
    private static Path createEmptyCommit(Path dir) throws Exception {
        LuceneSceneIndex.open(dir).close();
        return dir;
    }
}
