package dev.videoclass.index;

import java.util.List;

/**
 * A scene found by {@link SceneIndex#search}.
 *
 * @param contentHash the video's content hash
 * @param paths       every path that holds the video
 * @param ptsS        presentation time of the scene's keyframe, seconds
 * @param sceneStartS start of the scene, seconds
 * @param sceneEndS   end of the scene, seconds
 * @param score       cosine similarity of the query and the scene's embedding, −1..1 (higher is closer)
 * @param explicit    whether the scene's keyframe alone is explicit
 * @param tags        the keyframe's tag label ids
 */
public record SceneHit(String contentHash, List<String> paths, double ptsS, double sceneStartS, double sceneEndS,
                       double score, boolean explicit, List<String> tags) {
    public SceneHit {
        paths = List.copyOf(paths);
        tags = List.copyOf(tags);
    }
}
