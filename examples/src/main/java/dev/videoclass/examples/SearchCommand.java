package dev.videoclass.examples;

import dev.videoclass.VideoException;
import dev.videoclass.image.Images;
import dev.videoclass.index.SceneHit;
import dev.videoclass.index.SceneIndex;
import dev.videoclass.index.lucene.LuceneSceneIndex;
import dev.videoclass.onnx.OnnxOptions;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.spi.FrameEmbedder;
import org.apache.lucene.index.IndexNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code videoclass search "<text>" --index IDX --model M [--top K] [--min-score S]} (or
 * {@code --image photo.jpg}): encodes the query with the model's text tower (or image tower) and
 * prints the nearest scenes of a scene index, best first:
 * {@code {"query": "...", "hits": [{"content_hash", "paths", "pts_s", "scene": [start_s, end_s], "score",
 * "is_explicit", "tags"}]}}. Opens the index read-only, so it runs beside an {@code index} run.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Find the scenes of a scene index that fit a text (or a photo, --image), best first.")
final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "what to find, e.g. \"the part where they cut the cake\"")
    String text;
    @Option(names = "--image", paramLabel = "FILE", description = "find scenes that look like this picture instead of a text")
    Path image;
    @Option(names = "--index", required = true, paramLabel = "IDX", description = "the scene index folder (see index)")
    Path indexDir;
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the model the index was built with")
    Path model;
    @Option(names = "--provider", defaultValue = "auto", description = "ONNX execution provider: auto, cuda or cpu (default ${DEFAULT-VALUE})")
    String provider;
    @Option(names = "--top", defaultValue = "" + SceneIndex.DEFAULT_TOP, paramLabel = "K", description = "most hits (default ${DEFAULT-VALUE})")
    int top;
    @Option(names = "--min-score", defaultValue = "" + SceneIndex.DEFAULT_MIN_SCORE, paramLabel = "S",
            description = "least cosine similarity of a hit, -1..1; its scale depends on the model (default ${DEFAULT-VALUE})")
    double minScore;
    @Option(names = "--pretty", description = "indent the JSON")
    boolean pretty;

    @Override
    public Integer call() throws IOException {
        if ((text == null) == (image == null)) {
            throw new VideoclassCli.UsageException("give either a TEXT or --image FILE");
        }
        if (top < 1 || !(minScore >= -1 && minScore <= 1)) {
            throw new VideoclassCli.UsageException("--top must be at least 1 and --min-score within -1..1");
        }
        OnnxOptions options;
        try {
            options = OnnxOptions.builder().provider(OnnxOptions.Provider.parse(provider)).build();
        } catch (IllegalArgumentException e) {
            throw new VideoclassCli.UsageException("bad --provider: auto, cuda or cpu");
        }
        try (LuceneSceneIndex index = openReadOnly(indexDir); OnnxScorer scorer = OnnxScorer.open(model, options)) {
            FrameEmbedder embedder = FrameEmbedder.of(scorer);
            float[] query = image == null ? embedder.embedText(text)
                    : embedder.embedImages(List.of(scorer.prepare(Images.decode(Files.readAllBytes(image), 1L << 28))))[0];
            Map<String, Object> json = new LinkedHashMap<>();
            json.put(image == null ? "query" : "image", image == null ? text : image.toString());
            json.put("hits", hitsJson(index.search(embedder.modelId(), query, top, minScore)));
            VideoclassCli.print(json, pretty);
            return CommandLine.ExitCode.OK;
        } catch (VideoException e) {
            return VideoclassCli.printFailure(e, pretty);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new VideoclassCli.UsageException(e.getMessage());
        }
    }

    private static LuceneSceneIndex openReadOnly(Path dir) throws IOException {
        try {
            return LuceneSceneIndex.openReadOnly(dir);
        } catch (IndexNotFoundException e) {
            throw new VideoclassCli.UsageException("no scene index in " + dir + ": build one with index DIR --index " + dir);
        }
    }

    /** The hits as the CLI and the service print them. */
    static List<Map<String, Object>> hitsJson(List<SceneHit> hits) {
        List<Map<String, Object>> out = new ArrayList<>(hits.size());
        for (SceneHit h : hits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("content_hash", h.contentHash());
            m.put("paths", h.paths());
            m.put("pts_s", h.ptsS());
            m.put("scene", List.of(h.sceneStartS(), h.sceneEndS()));
            m.put("score", Math.round(h.score() * 1e4) / 1e4);
            m.put("is_explicit", h.explicit());
            m.put("tags", h.tags());
            out.add(m);
        }
        return out;
    }
}
