package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.index.SceneIndex;
import dev.videoclass.jobs.Job;
import dev.videoclass.jobs.RejectedJobException;
import dev.videoclass.jobs.VideoJobs;
import dev.videoclass.store.ContentHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The example HTTP service (JDK {@code HttpServer}, no framework), with the contract of the Python
 * service it replaces:
 * <ul>
 *   <li>{@code POST /classify-video} — the video as the body (any type but JSON), or JSON
 *       {@code {"video_base64": "..."}} → {@code 202 {"job_id", "status"}};</li>
 *   <li>{@code GET /jobs/{id}} → {@code 200 {"job_id", "status", "progress", "verdict"?}}, or 404;</li>
 *   <li>{@code POST /classify-video/sync} → {@code 200} with the verdict (a failed verdict for bad
 *       input, never a 5xx);</li>
 *   <li>{@code GET /health} → {@code 200 {"status": "ok", "waiting", "active"}};</li>
 *   <li>{@code GET /search?q=TEXT&top=K&min_score=S} → {@code 200 {"query", "hits"}}: the scenes of the
 *       videos classified so far that fit the text, best first — when the service keeps a scene index
 *       ({@code serve --index DIR}); 404 otherwise.</li>
 *   <li>{@code GET /jobs/{id}/keyframes/{i}.jpg} → a small upright JPEG of the verdict's keyframe
 *       {@code i}, when the service makes {@link KeyframeThumbnails} (the job's answer then lists their
 *       paths as {@code keyframe_thumbnails}); 404 otherwise;</li>
 *   <li>{@code GET /}, {@code /page.js}, {@code /page.css} → the {@link WebPage} that uploads videos and
 *       shows their verdicts (HTML, not JSON).</li>
 * </ul>
 * Uploads over the size limit get {@code 413}; a full job queue {@code 503} with {@code Retry-After}
 * (backpressure, not failure). Every response is JSON, errors too: {@code {"error": "..."}} with
 * 400, 404 (unknown path or job), 405 (wrong method, with {@code Allow}), 413, 503, or 500 when a
 * handler breaks. Uploads are spooled to temp files in a spool folder of their own, each deleted when
 * its job ends. Binds to loopback unless told otherwise. Thread safe; {@link #close()} stops the
 * server, then the jobs, and removes the spool folder with whatever is left in it.
 */
public final class VideoService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VideoService.class);
    /** The path under which uploads are indexed: search hits name no job. */
    static final String UPLOAD_PATH = "upload";
    /** How long a timed-out sync request waits for its cancelled job's verdict, milliseconds. */
    private static final long CANCEL_GRACE_MS = 5_000;
    /** {@code {id}/keyframes/{i}.jpg} under {@code /jobs/}. */
    private static final Pattern KEYFRAME_PATH = Pattern.compile("([^/]+)/keyframes/(\\d{1,4})\\.jpg");

    private final VideoJobs jobs;
    private final long maxUploadBytes;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final Path spoolDir;
    /** The scene index and its search, or null without one. */
    private final SceneSearch scenes;
    /** The keyframe thumbnails the job runner's classifier makes, or null without them. */
    private final KeyframeThumbnails thumbnails;
    private final WebPage page = new WebPage();

    /**
     * Starts serving, without scene search.
     *
     * @param jobs           the job runner (closed with the service)
     * @param host           address to bind, e.g. {@code 127.0.0.1}
     * @param port           port, or 0 for any free one
     * @param maxUploadBytes largest accepted request body in bytes
     */
    public VideoService(VideoJobs jobs, String host, int port, long maxUploadBytes) throws IOException {
        this(jobs, host, port, maxUploadBytes, null);
    }

    /**
     * Starts serving; with {@code scenes}, every classified video's scenes are indexed when its job
     * ends and {@code GET /search} answers from them.
     *
     * @param scenes the scene search (closed with the service; its index must hold the classifier's
     *               embedding model), or null for none
     */
    VideoService(VideoJobs jobs, String host, int port, long maxUploadBytes, SceneSearch scenes) throws IOException {
        this(jobs, host, port, maxUploadBytes, scenes, null);
    }

    /**
     * Starts serving; with {@code thumbnails} — the classifier {@code jobs} runs — each job's keyframe
     * thumbnails are served at {@code /jobs/{id}/keyframes/{i}.jpg}.
     *
     * @param thumbnails the classifier of {@code jobs} wrapped to make thumbnails, or null for none
     */
    VideoService(VideoJobs jobs, String host, int port, long maxUploadBytes, SceneSearch scenes,
                 KeyframeThumbnails thumbnails) throws IOException {
        this.jobs = jobs;
        this.scenes = scenes;
        this.thumbnails = thumbnails;
        this.maxUploadBytes = maxUploadBytes;
        this.spoolDir = Files.createTempDirectory("videoclass-uploads");
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        // sync requests wait for their job: enough handler threads for them plus the quick calls
        this.handlers = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "videoclass-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::route); // every path, so that unknown ones get JSON too
        server.start();
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The folder uploads are spooled to (removed by {@link #close()}). */
    Path spoolDir() {
        return spoolDir;
    }

    /** Dispatches by path and method; answers JSON whatever happens. */
    private void route(HttpExchange ex) {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            boolean classify = path.equals("/classify-video") || path.equals("/classify-video/sync");
            boolean job = path.startsWith("/jobs/") && path.length() > "/jobs/".length();
            boolean search = path.equals("/search");
            boolean page = WebPage.serves(path);
            if (!classify && !job && !search && !page && !path.equals("/health")) {
                send(ex, 404, Map.of("error", "no such endpoint: " + path));
            } else if (!ex.getRequestMethod().equals(classify ? "POST" : "GET")) {
                ex.getResponseHeaders().set("Allow", classify ? "POST" : "GET");
                send(ex, 405, Map.of("error", "use " + (classify ? "POST" : "GET") + " for " + path));
            } else if (classify) {
                classify(ex, path.endsWith("/sync"));
            } else if (page) {
                this.page.send(ex, path);
            } else if (job) {
                job(ex, path.substring("/jobs/".length()));
            } else if (search) {
                search(ex);
            } else {
                health(ex);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("request failed: {}", e.toString());
            if (ex.getResponseCode() == -1) { // nothing sent yet
                try {
                    send(ex, 500, Map.of("error", "internal error"));
                } catch (IOException | RuntimeException again) {
                    LOG.debug("could not answer 500: {}", again.toString());
                }
            }
        }
    }

    private void classify(HttpExchange ex, boolean sync) throws IOException {
        Path upload;
        try {
            upload = spool(ex);
        } catch (TooLarge e) {
            send(ex, 413, Map.of("error", "upload larger than " + maxUploadBytes + " bytes"));
            return;
        } catch (BadRequest e) {
            send(ex, 400, Map.of("error", e.getMessage()));
            return;
        }
        String contentHash = scenes == null ? null : ContentHash.of(upload);
        Job job;
        try {
            job = jobs.submit(VideoInput.of(upload));
        } catch (RejectedJobException e) {
            Files.deleteIfExists(upload);
            ex.getResponseHeaders().add("Retry-After", "5");
            send(ex, 503, Map.of("error", e.getMessage()));
            return;
        }
        if (thumbnails != null) {
            thumbnails.upload(job.id(), upload);
        }
        job.verdict().whenComplete((v, t) -> {
            if (contentHash != null) {
                // never the job id: search answers anyone, and a job id opens its verdict and pictures
                scenes.record(contentHash, UPLOAD_PATH, v);
            }
            deleteQuietly(upload);
        });
        if (!sync) {
            send(ex, 202, contentHash == null ? Map.of("job_id", job.id(), "status", job.status().code())
                    : Map.of("job_id", job.id(), "status", job.status().code(), "content_hash", contentHash));
            return;
        }
        try {
            Verdict v = job.verdict().get(jobs.jobTimeout().toMillis() + 60_000, TimeUnit.MILLISECONDS);
            sendJson(ex, 200, VerdictJson.toJson(v));
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            send(ex, 503, Map.of("error", "the service is stopping"));
        } catch (ExecutionException | TimeoutException e) {
            job.cancel();
            Verdict cancelled = awaitQuietly(job, CANCEL_GRACE_MS);
            if (cancelled != null) {
                sendJson(ex, 200, VerdictJson.toJson(cancelled));
            } else { // a running job stops at its next poll; the client can still ask for it
                send(ex, 504, Map.of("error", "no verdict in time; the job was cancelled", "job_id", job.id()));
            }
        }
    }

    /** The job's verdict if it comes within {@code ms}, else null. */
    private static Verdict awaitQuietly(Job job, long ms) {
        try {
            return job.verdict().get(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private void job(HttpExchange ex, String path) throws IOException {
        Matcher keyframe = KEYFRAME_PATH.matcher(path);
        String id = keyframe.matches() ? keyframe.group(1) : path;
        Optional<Job> job = jobs.job(id);
        if (job.isEmpty()) {
            send(ex, 404, Map.of("error", "no job " + id));
            return;
        }
        Job j = job.get();
        Optional<List<byte[]>> thumbs = thumbnails == null ? Optional.empty() : thumbnails.of(id);
        if (keyframe.matches()) {
            int i = Integer.parseInt(keyframe.group(2));
            if (thumbs.isEmpty() || i >= thumbs.get().size()) {
                send(ex, 404, Map.of("error", "no keyframe thumbnail " + i + " for job " + id));
            } else {
                WebPage.sendJpeg(ex, thumbs.get().get(i));
            }
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", j.id());
        body.put("status", j.status().code());
        body.put("progress", j.progress());
        Verdict v = j.verdict().getNow(null);
        if (v != null) {
            body.put("verdict", VerdictJson.toTree(v));
        }
        thumbs.ifPresent(t -> body.put("keyframe_thumbnails", IntStream.range(0, t.size())
                .mapToObj(i -> "/jobs/" + id + "/keyframes/" + i + ".jpg").toList()));
        sendJson(ex, 200, VerdictJson.toJson(body));
    }

    /** {@code GET /search?q=TEXT&top=K&min_score=S}: 400 without q or with a bad number, 404 without an index. */
    private void search(HttpExchange ex) throws IOException {
        if (scenes == null) {
            send(ex, 404, Map.of("error", "this service keeps no scene index (serve --index DIR with a zero-shot --model)"));
            return;
        }
        Map<String, String> params = QueryString.parse(ex.getRequestURI().getRawQuery());
        String q = params.getOrDefault("q", "").strip();
        int top;
        double minScore;
        try {
            top = Integer.parseInt(params.getOrDefault("top", Integer.toString(SceneIndex.DEFAULT_TOP)));
            minScore = Double.parseDouble(params.getOrDefault("min_score", Double.toString(SceneIndex.DEFAULT_MIN_SCORE)));
        } catch (NumberFormatException e) {
            top = 0;
            minScore = Double.NaN;
        }
        if (q.isEmpty() || top < 1 || top > 1000 || !(minScore >= -1 && minScore <= 1)) {
            send(ex, 400, Map.of("error", "GET /search?q=TEXT with optional top=1..1000 and min_score=-1..1"));
            return;
        }
        try {
            send(ex, 200, scenes.search(q, top, minScore));
        } catch (VideoException e) {
            send(ex, 500, Map.of("error", e.getMessage()));
        }
    }

    private void health(HttpExchange ex) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", jobs.isClosed() ? "stopping" : "ok");
        body.put("waiting", jobs.waitingJobs());
        body.put("active", jobs.activeJobs());
        send(ex, 200, body);
    }

    /** Writes the body to a temp file, decoding {@code video_base64} JSON; at most {@link #maxUploadBytes}. */
    private Path spool(HttpExchange ex) throws IOException, TooLarge, BadRequest {
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        Path file = Files.createTempFile(spoolDir, "upload-", ".bin");
        boolean ok = false;
        try (InputStream in = ex.getRequestBody()) {
            if (type.startsWith("application/json")) {
                byte[] json = readCapped(in, maxUploadBytes * 4 / 3 + 1024);
                JsonNode n;
                try {
                    n = VerdictJson.reader().readTree(json);
                } catch (IOException e) {
                    throw new BadRequest("the JSON body is not valid JSON");
                }
                if (n == null || !n.path("video_base64").isTextual()) {
                    throw new BadRequest("the JSON body needs a \"video_base64\" string");
                }
                byte[] video;
                try {
                    video = Base64.getDecoder().decode(n.get("video_base64").asText());
                } catch (IllegalArgumentException e) {
                    throw new BadRequest("\"video_base64\" is not base64");
                }
                if (video.length > maxUploadBytes) {
                    throw new TooLarge();
                }
                Files.write(file, video);
            } else {
                try (OutputStream out = Files.newOutputStream(file)) {
                    copyCapped(in, out, maxUploadBytes);
                }
            }
            ok = true;
            return file;
        } finally {
            if (!ok) {
                deleteQuietly(file);
            }
        }
    }

    private static byte[] readCapped(InputStream in, long cap) throws IOException, TooLarge {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        copyCapped(in, out, cap);
        return out.toByteArray();
    }

    private static void copyCapped(InputStream in, OutputStream out, long cap) throws IOException, TooLarge {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > cap) {
                throw new TooLarge();
            }
            out.write(buf, 0, n);
        }
    }

    private static void send(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        sendJson(ex, status, VerdictJson.toJson(body));
    }

    private static void sendJson(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", p, e.toString());
        }
    }

    @Override
    public void close() {
        server.stop(1);
        handlers.shutdownNow();
        jobs.close();
        if (scenes != null) {
            scenes.close(); // after the jobs: the last ones are indexed when they end
        }
        try {
            if (!handlers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("request handlers still running after 10 s; removing the spool folder anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(spoolDir)) {
            files.forEach(VideoService::deleteQuietly);
        } catch (IOException e) {
            LOG.debug("could not list {}: {}", spoolDir, e.toString());
        }
        deleteQuietly(spoolDir);
    }

    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
