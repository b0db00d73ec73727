package dev.videoclass.index;

import dev.videoclass.SceneEmbedding;
import dev.videoclass.spi.FrameEmbedder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InMemorySceneIndexTest {
    static IndexedVideo video(String hash, String model, float[]... vectors) {
        List<IndexedScene> scenes = new java.util.ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            scenes.add(new IndexedScene(i + 0.5, new SceneEmbedding(i, i + 1, FrameEmbedder.unit(vectors[i])), i == 0,
                    i == 0 ? List.of("red") : List.of()));
        }
        return new IndexedVideo(hash, List.of(hash + ".mp4"), model, scenes);
    }

    @Test
    void findsTheNearestScenesBestFirstAboveTheMinimumScore() {
        InMemorySceneIndex index = new InMemorySceneIndex();
        assertThat(index.search("m", new float[] {1, 0, 0}, 5, -1)).isEmpty();
        index.add(video("a", "m", new float[] {1, 0, 0}, new float[] {0, 1, 0}));
        index.add(video("b", "m", new float[] {1, 1, 0}, new float[] {0, 0, 1}));
        List<SceneHit> hits = index.search("m", new float[] {2, 0, 0}, 3, 0.0);
        assertThat(hits).extracting(SceneHit::contentHash).containsExactly("a", "b", "a");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-6));
        assertThat(hits.get(1).score()).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(hits.get(0).paths()).containsExactly("a.mp4");
        assertThat(hits.get(0).sceneStartS()).isEqualTo(0.0);
        assertThat(hits.get(0).explicit()).isTrue();
        assertThat(hits.get(0).tags()).containsExactly("red");
        assertThat(index.search("m", new float[] {1, 0, 0}, 10, 0.5)).hasSize(2);
        assertThat(index.search("m", new float[] {1, 0, 0}, 1, -1)).hasSize(1);
    }

    @Test
    void oneModelPerIndex() {
        InMemorySceneIndex index = new InMemorySceneIndex();
        assertThat(index.embeddingModel()).isEmpty();
        index.add(video("a", "siglip", new float[] {1, 0}));
        assertThat(index.embeddingModel()).contains("siglip");
        assertThatThrownBy(() -> index.add(video("b", "clip", new float[] {1, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("siglip").hasMessageContaining("clip");
        assertThatThrownBy(() -> index.search("clip", new float[] {1, 0}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("siglip");
        assertThatThrownBy(() -> index.add(video("c", "siglip", new float[] {1, 0, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2-dimensional");
    }

    @Test
    void deleteRemovesAVideosScenesAndPathsCanChange() {
        InMemorySceneIndex index = new InMemorySceneIndex();
        index.add(video("a", "m", new float[] {1, 0}));
        index.add(video("b", "m", new float[] {0, 1}));
        assertThat(index.updatePaths("a", List.of("x.mp4", "y.mp4"))).isTrue();
        assertThat(index.paths("a")).contains(List.of("x.mp4", "y.mp4"));
        assertThat(index.search("m", new float[] {1, 0}, 1, 0).get(0).paths()).containsExactly("x.mp4", "y.mp4");
        assertThat(index.delete("a")).isTrue();
        assertThat(index.delete("a")).isFalse();
        assertThat(index.updatePaths("a", List.of("z.mp4"))).isFalse();
        assertThat(index.videos()).isEqualTo(1);
        assertThat(index.search("m", new float[] {1, 0}, 5, -1)).extracting(SceneHit::contentHash).containsExactly("b");
    }
}
