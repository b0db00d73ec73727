package dev.videoclass.index;

import dev.videoclass.Verdict;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link SceneIndex} holds for one video content: its content hash
 * ({@link dev.videoclass.store.ContentHash}), every path that holds those bytes, the embedding model
 * and its scenes.
 *
 * @param contentHash SHA-256 of the video's bytes, lower-case hex
 * @param paths       where the content was found (files, or any name the caller uses), at least one
 * @param model       the model of the scenes' embeddings ({@link Verdict#embeddingModel()})
 * @param scenes      the scenes in time order, at least one
 */
public record IndexedVideo(String contentHash, List<String> paths, String model, List<IndexedScene> scenes) {
    public IndexedVideo {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(model, "model");
        paths = List.copyOf(paths);
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("a video has at least one scene");
        }
        int dims = scenes.get(0).embedding().dimensions();
        if (scenes.stream().anyMatch(s -> s.embedding().dimensions() != dims)) {
            throw new IllegalArgumentException("the scenes' embeddings differ in size");
        }
    }

    /**
     * The scenes of a done verdict classified with embeddings.
     *
     * @throws IllegalArgumentException when the verdict is failed or carries no embeddings
     */
    public static IndexedVideo of(String contentHash, List<String> paths, Verdict verdict) {
        if (!verdict.isDone() || verdict.embeddingModel() == null) {
            throw new IllegalArgumentException(verdict.isDone()
                    ? "the verdict carries no embeddings: classify with embeddings (VideoClassifier.Builder.embeddings)"
                    : "a failed verdict has no scenes to index: " + verdict.error().message());
        }
        return new IndexedVideo(contentHash, paths, verdict.embeddingModel(),
                verdict.keyframes().stream().map(IndexedScene::of).toList());
    }

    /** Number of dimensions of the embeddings. */
    public int dimensions() {
        return scenes.get(0).embedding().dimensions();
    }
}
