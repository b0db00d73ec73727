package dev.videoclass.examples.snippets;

import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.index.SceneHit;
import dev.videoclass.index.SceneIndex;
import dev.videoclass.index.SceneIndexer;
import dev.videoclass.index.lucene.LuceneSceneIndex;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.spi.FrameEmbedder;

import java.nio.file.Path;
import java.util.List;

/** Scene search in code: index a folder's videos, then find the scenes that fit a text. */
public final class FindTheScene {
    private FindTheScene() {
    }

    /** Indexes the videos under {@code folder} into {@code indexDir} (resumably) and searches it for {@code text}. */
    public static List<SceneHit> indexAndSearch(Path modelDir, Path folder, Path indexDir, String text) throws Exception {
        // tag::scene-search[]
        try (VideoClassifier vc = VideoClassifier.builder().decoder(new FfmpegVideoDecoder())
                     .scorer(OnnxScorer.open(modelDir)).embeddings(true).build();   // a zero-shot model
             LuceneSceneIndex index = LuceneSceneIndex.open(indexDir)) {
            new SceneIndexer(vc, index, 2, null).run(folder);   // only the contents the index lacks
            FrameEmbedder embedder = vc.embedder().orElseThrow();
            float[] query = embedder.embedText(text);           // e.g. "the part where they cut the cake"
            return index.search(embedder.modelId(), query, 10, SceneIndex.DEFAULT_MIN_SCORE);
        }
        // end::scene-search[]
    }
}
