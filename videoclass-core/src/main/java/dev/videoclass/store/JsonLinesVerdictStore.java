package dev.videoclass.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoclass.Verdict;
import dev.videoclass.VerdictJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link VerdictStore} in a JSON-lines file: one line per stored verdict,
 * {@code {"content_hash":…,"scorer_id":…,"rubric_hash":…,"verdict":{…}}}, appended and flushed as
 * verdicts arrive, so a killed process loses at most the line it was writing. Opening reads the file
 * back (a later line for the same key wins; a torn last line is ignored). Lookups are served from
 * memory: the verdicts themselves, without posters unless {@code keepPosters} (a poster is ~100 KB
 * of base64 per line). Thread safe.
 */
public final class JsonLinesVerdictStore implements VerdictStore {
    private final Path file;
    private final boolean keepPosters;
    private final Map<VerdictKey, Verdict> index = new HashMap<>();
    private final Writer out;
    private int tornLines;

    /**
     * Opens (creating if missing) the store file.
     *
     * @param keepPosters whether stored lines keep the verdicts' posters
     */
    public JsonLinesVerdictStore(Path file, boolean keepPosters) throws IOException {
        this.file = file;
        this.keepPosters = keepPosters;
        if (Files.exists(file)) {
            load();
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (tornLines > 0) {
            out.write('\n'); // end a torn last line so the next record starts clean
            out.flush();
        }
    }

    private void load() throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = VerdictJson.mapper().readTree(line);
                    VerdictKey key = new VerdictKey(n.get("content_hash").asText(), n.get("scorer_id").asText(),
                            n.get("rubric_hash").asText());
                    index.put(key, VerdictJson.parseVerdict(n.get("verdict").toString()));
                } catch (IOException | RuntimeException e) {
                    tornLines++; // a line cut short by a crash: its verdict is simply redone
                }
            }
        }
    }

    @Override
    public synchronized Optional<Verdict> find(VerdictKey key) {
        return Optional.ofNullable(index.get(key));
    }

    @Override
    public synchronized void put(VerdictKey key, Verdict verdict) throws IOException {
        Verdict kept = keepPosters ? verdict : verdict.withPosterJpeg(null);
        ObjectNode line = VerdictJson.mapper().createObjectNode();
        line.put("content_hash", key.contentHash());
        line.put("scorer_id", key.scorerId());
        line.put("rubric_hash", key.rubricHash());
        line.set("verdict", VerdictJson.mapper().readTree(VerdictJson.toJson(kept)));
        out.write(VerdictJson.mapper().writeValueAsString(line));
        out.write('\n');
        out.flush();
        index.put(key, kept);
    }

    /** Number of distinct keys held. */
    public synchronized int size() {
        return index.size();
    }

    /** Lines that could not be read back when opening (a torn last line after a crash). */
    public int tornLines() {
        return tornLines;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
