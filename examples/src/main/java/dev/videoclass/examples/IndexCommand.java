package dev.videoclass.examples;

import dev.videoclass.VideoClassifier;
import dev.videoclass.index.SceneIndexer;
import dev.videoclass.index.lucene.LuceneSceneIndex;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.spi.FrameEmbedder;
import org.apache.lucene.store.LockObtainFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code videoclass index DIR --index IDX --scorer onnx --model M [--parallel N]}: puts the scenes of
 * every distinct video under a folder into a Lucene scene index ({@link SceneIndexer}): walked and
 * deduplicated by content hash as {@code backfill} does, resumable (a second run classifies only
 * new contents), a JSON summary on standard output.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index the scenes of every distinct video under a folder for search (resumable; needs a zero-shot model).")
final class IndexCommand implements Callable<Integer> {
    @Mixin
    WalkOptions walk;
    @Option(names = "--index", required = true, paramLabel = "IDX", description = "the scene index folder (created when missing)")
    Path indexDir;

    @Override
    public Integer call() throws Exception {
        try (VideoClassifier vc = walk.scoring.build(walk.builder().embeddings(true));
             LuceneSceneIndex index = openIndex(indexDir, vc.embedder().map(FrameEmbedder::modelId).orElseThrow())) {
            String model = index.embeddingModel().orElse(null);
            SceneIndexer.Summary s = new SceneIndexer(vc, index, walk.parallel, WalkOptions.progress(System.err)).run(walk.dir);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("files", s.files());
            summary.put("contents", s.contents());
            summary.put("new", s.added());
            summary.put("present", s.present());
            summary.put("failed", s.failed());
            summary.put("scenes", s.scenes());
            summary.put("seconds", Math.round(s.seconds() * 10) / 10.0);
            summary.put("index", indexDir.toString());
            summary.put("embedding_model", model == null ? vc.embedder().orElseThrow().modelId() : model);
            System.out.println(VerdictJson.toJson(summary));
            return CommandLine.ExitCode.OK;
        }
    }

    /**
     * The index for writing, checked to hold {@code model}'s embeddings (or none yet); one held by
     * another writer, or of another model, is a usage error.
     */
    static LuceneSceneIndex openIndex(Path dir, String model) throws java.io.IOException {
        LuceneSceneIndex index;
        try {
            index = LuceneSceneIndex.open(dir);
        } catch (LockObtainFailedException e) {
            throw new VideoclassCli.UsageException("index " + dir + " is open for writing in another process");
        }
        Optional<String> held = index.embeddingModel();
        if (held.isPresent() && !held.get().equals(model)) {
            index.close();
            throw new VideoclassCli.UsageException("index " + dir + " holds embeddings of " + held.get()
                    + ", this model is " + model + ": use the same model, or another index");
        }
        return index;
    }
}
