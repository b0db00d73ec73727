package dev.videoclass.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videoclass.Verdict;
import dev.videoclass.ErrorCode;
import dev.videoclass.VerdictStatus;
import dev.videoclass.json.VerdictJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link VerdictStore} in a JSON-lines file, one line per stored verdict:
 * {@code {"content_hash":…,"scorer_id":…,"rubric_hash":…,"paths":[…],"verdict":{…}}} ({@code paths}
 * only when given). Lines are appended and flushed as verdicts arrive, so a killed process loses at
 * most the line it was writing; opening reads the file back (a later line for the same key wins, a
 * torn line is skipped and its content simply classified again).
 *
 * <p>Memory stays small for hundreds of thousands of lines: the index holds each key's file offset,
 * and {@link #find} reads the line back. Transient failures ({@link VerdictStore#worthKeeping}) may be
 * written, for the record, but are never answered. Posters are left out unless {@code keepPosters}
 * (a poster is ~100 KB of base64 per line). Thread safe.
 */
public final class JsonLinesVerdictStore implements VerdictStore {
    private record Entry(long offset, int length) {
    }

    private final boolean keepPosters;
    private final Map<VerdictKey, Entry> index = new HashMap<>();
    private final FileChannel channel;
    private final OutputStream out;
    private long end;
    private int tornLines;

    /**
     * Opens (creating if missing) the store file.
     *
     * @param keepPosters whether stored lines keep the verdicts' posters
     */
    public JsonLinesVerdictStore(Path file, boolean keepPosters) throws IOException {
        this.keepPosters = keepPosters;
        if (Files.exists(file)) {
            load(file);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.end = channel.size();
        this.out = java.nio.channels.Channels.newOutputStream(channel.position(end));
        if (end > 0 && !endsWithNewline()) {
            write("\n".getBytes(StandardCharsets.UTF_8)); // end a torn last line so the next record starts clean
        }
    }

    /** Indexes every line of the file by its byte offset, scanning a buffer for line ends. */
    private void load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            long offset = 0;
            long lineStart = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line.write(buf, from, i - from);
                        index(line.toByteArray(), lineStart);
                        line.reset();
                        from = i + 1;
                        lineStart = offset + i + 1;
                    }
                }
                line.write(buf, from, n - from);
                offset += n;
            }
            if (line.size() > 0) {
                index(line.toByteArray(), lineStart);
            }
        }
    }

    /** Reads the key and the verdict's status and error code from the tree; the verdict itself is read by {@link #find}. */
    private void index(byte[] line, long offset) {
        if (line.length == 0) {
            return;
        }
        try {
            JsonNode n = VerdictJson.reader().readTree(line);
            VerdictKey key = new VerdictKey(n.get("content_hash").asText(), n.get("scorer_id").asText(),
                    n.get("rubric_hash").asText());
            JsonNode v = n.get("verdict");
            JsonNode code = v.path("error").path("code");
            if (!v.path("status").isTextual()) {
                throw new IOException("no verdict status");
            }
            if (VerdictStore.worthKeeping(VerdictStatus.fromCode(v.get("status").asText()),
                    code.isTextual() ? ErrorCode.fromCode(code.asText()) : null)) {
                index.put(key, new Entry(offset, line.length));
            } else {
                index.remove(key);
            }
        } catch (IOException | RuntimeException e) {
            tornLines++;
        }
    }

    @Override
    public synchronized Optional<Verdict> find(VerdictKey key) throws IOException {
        Entry e = index.get(key);
        if (e == null) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.allocate(e.length());
        while (buf.hasRemaining()) {
            if (channel.read(buf, e.offset() + buf.position()) < 0) {
                throw new IOException("verdict store truncated under " + key.contentHash());
            }
        }
        JsonNode n = VerdictJson.reader().readTree(buf.array());
        return Optional.of(VerdictJson.parseVerdict(n.get("verdict")));
    }

    @Override
    public void put(VerdictKey key, Verdict verdict) throws IOException {
        put(key, verdict, null);
    }

    /** Stores {@code verdict} with the paths that hold its content (written as {@code paths}), or null. */
    public synchronized void put(VerdictKey key, Verdict verdict, List<String> paths) throws IOException {
        Verdict kept = keepPosters ? verdict : verdict.toBuilder().poster(null).build();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("content_hash", key.contentHash());
        n.put("scorer_id", key.scorerId());
        n.put("rubric_hash", key.rubricHash());
        if (paths != null) {
            ArrayNode ps = n.putArray("paths");
            paths.forEach(ps::add);
        }
        n.set("verdict", VerdictJson.toTree(kept));
        byte[] line = VerdictJson.writer().writeValueAsBytes(n);
        long offset = end;
        write(line);
        write(new byte[] {'\n'});
        if (VerdictStore.worthKeeping(kept)) {
            index.put(key, new Entry(offset, line.length));
        } else {
            index.remove(key);
        }
    }

    /** Number of keys with a verdict that is answered. */
    public synchronized int size() {
        return index.size();
    }

    /** Lines that could not be read back when opening (a torn last line after a crash). */
    public int tornLines() {
        return tornLines;
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        end += bytes.length;
    }

    private boolean endsWithNewline() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        channel.read(b, end - 1);
        return b.get(0) == '\n';
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
        channel.close();
    }
}
