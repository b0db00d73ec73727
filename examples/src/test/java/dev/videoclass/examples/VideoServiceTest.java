package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.jobs.VideoJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The example HTTP service over loopback: async, sync, JSON base64, corrupt uploads, limits, concurrency. */
class VideoServiceTest {
    @TempDir
    static Path tmp;
    static byte[] video;
    static VideoClassifier reference;
    static VideoService service;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        video = Files.readAllBytes(TestVideos.video().size(320, 240).segments(3, 1.0).writeTo(tmp.resolve("clip.mp4")));
        reference = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build();
        VideoJobs jobs = VideoJobs.builder(VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build())
                .workers(2).queueCapacity(16).ownsClassifier(true).build();
        service = new VideoService(jobs, "127.0.0.1", 0, 2 * 1024 * 1024);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        service.close();
        reference.close();
    }

    static HttpResponse<String> post(String path, byte[] body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return VerdictJson.reader().readTree(r.body());
    }

    static JsonNode awaitJob(String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode j = json(get("/jobs/" + id));
            if (j.has("verdict")) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    /** The parts of a verdict that do not depend on timing. */
    static String stable(JsonNode verdict) {
        return verdict.get("status").asText() + verdict.get("keyframes") + verdict.get("is_explicit") + verdict.get("scene_tags");
    }

    @Test
    void asyncUploadGets202AndTheJobEndsWithTheVerdictOfTheSynchronousPath() throws Exception {
        HttpResponse<String> r = post("/classify-video", video, "video/mp4");
        assertThat(r.statusCode()).isEqualTo(202);
        String id = json(r).get("job_id").asText();
        JsonNode done = awaitJob(id);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("progress").get("stage").asText()).isEqualTo("done");
        Verdict expected = reference.classify(dev.videoclass.VideoInput.of(video));
        assertThat(stable(done.get("verdict"))).isEqualTo(stable(VerdictJson.reader().readTree(VerdictJson.toJson(expected))));
        assertThat(get("/jobs/no-such-job").statusCode()).isEqualTo(404);
    }

    @Test
    void syncAndJsonBase64GiveTheVerdictAndACorruptUploadIsAFailedVerdictNotA5xx() throws Exception {
        HttpResponse<String> sync = post("/classify-video/sync", video, "application/octet-stream");
        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(json(sync).get("status").asText()).isEqualTo("done");
        byte[] asJson = ("{\"video_base64\":\"" + Base64.getEncoder().encodeToString(video) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> viaJson = post("/classify-video/sync", asJson, "application/json");
        assertThat(viaJson.statusCode()).isEqualTo(200);
        assertThat(stable(json(viaJson))).isEqualTo(stable(json(sync)));

        HttpResponse<String> corrupt = post("/classify-video/sync", "not a video at all".getBytes(StandardCharsets.UTF_8), "video/mp4");
        assertThat(corrupt.statusCode()).isEqualTo(200);
        assertThat(json(corrupt).get("status").asText()).isEqualTo("failed");
        assertThat(json(corrupt).get("error").get("code").asText()).isEqualTo("unsupported_format");
        HttpResponse<String> corruptAsync = post("/classify-video", new byte[0], "video/mp4");
        assertThat(corruptAsync.statusCode()).isEqualTo(202);
        JsonNode failed = awaitJob(json(corruptAsync).get("job_id").asText());
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("verdict").get("error").get("code").asText()).isEqualTo("empty_input");
        assertThat(post("/classify-video", "{\"nope\":1}".getBytes(StandardCharsets.UTF_8), "application/json").statusCode())
                .isEqualTo(400);
    }

    @Test
    void eightConcurrentSyncCallsAllSucceedWithIdenticalVerdicts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> post("/classify-video/sync", video, "video/mp4")));
            }
            String first = null;
            for (Future<HttpResponse<String>> f : calls) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                String s = stable(json(r));
                first = first == null ? s : first;
                assertThat(s).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static HttpResponse<String> call(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownPathsAndWrongMethodsAreAnsweredInJson() throws Exception {
        for (String path : new String[] {"/index.html", "/nope", "/jobs/", "/healthz", "/classify-video/later", "/jobs/x/keyframes/0.jpg"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
            assertThat(json(r).get("error").asText()).as(path).isNotBlank();
        }
        String[][] wrong = {{"GET", "/classify-video", "POST"}, {"PUT", "/classify-video/sync", "POST"},
                {"POST", "/health", "GET"}, {"DELETE", "/jobs/some-id", "GET"}};
        for (String[] w : wrong) {
            HttpResponse<String> r = call(w[0], w[1]);
            assertThat(r.statusCode()).as(w[0] + " " + w[1]).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue(w[2]);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json(r).get("error").asText()).contains(w[2]);
        }
    }

    @Test
    void closeRemovesTheSpoolFolderWithWhatIsLeftInIt() throws Exception {
        VideoJobs jobs = VideoJobs.builder(VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build())
                .workers(1).queueCapacity(8).ownsClassifier(true).build();
        VideoService own = new VideoService(jobs, "127.0.0.1", 0, 2 * 1024 * 1024);
        Path spool = own.spoolDir();
        try {
            for (int i = 0; i < 3; i++) { // one runs, the others wait: their uploads are still spooled
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + own.port() + "/classify-video"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(video)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(202);
            }
            assertThat(spool).isDirectory();
        } finally {
            own.close();
        }
        assertThat(spool).doesNotExist();
    }

    @Test
    void anUploadOverTheLimitIs413AndHealthAnswers() throws Exception {
        assertThat(post("/classify-video", new byte[3 * 1024 * 1024], "video/mp4").statusCode()).isEqualTo(413);
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("ok");
    }
}
