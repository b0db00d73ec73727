package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.index.lucene.LuceneSceneIndex;
import dev.videoclass.jobs.VideoJobs;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.onnx.OnnxOptions;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.onnx.demo.DemoModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GET /search over the scenes of the videos the service classified (serve --index). */
class VideoServiceSearchTest {
    @TempDir
    Path tmp;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(VideoService service, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(VideoService service, String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    @Test
    void findsTheScenesOfTheVideosItClassifiedOneEntryPerContent() throws Exception {
        DemoModel.write(tmp.resolve("model"));
        byte[] video = Files.readAllBytes(TestVideos.video().size(320, 240).segment(0xD02018, 1.5).segment(0x20A040, 1.5)
                .segment(0x2030C8, 1.5).writeTo(tmp.resolve("rgb.mp4")));
        VideoClassifier classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).embeddings(true)
                .scorer(OnnxScorer.open(tmp.resolve("model"), OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).build()))
                .build();
        SceneSearch scenes = new SceneSearch(LuceneSceneIndex.open(tmp.resolve("index")), classifier.embedder().orElseThrow());
        VideoJobs jobs = VideoJobs.builder(classifier).workers(1).ownsClassifier(true).build();
        try (VideoService service = new VideoService(jobs, "127.0.0.1", 0, 1 << 24, scenes)) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = send(service, HttpRequest.newBuilder(uri(service, "/classify-video/sync"))
                        .header("Content-Type", "video/mp4").POST(HttpRequest.BodyPublishers.ofByteArray(video)));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(VerdictJson.reader().readTree(r.body()).get("status").asText()).isEqualTo("done");
            }
            JsonNode best = null;
            for (int attempt = 0; attempt < 100; attempt++) { // a job's scenes are indexed as it ends
                HttpResponse<String> r = send(service, HttpRequest.newBuilder(uri(service, "/search?q=a+red+scene&top=2")).GET());
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode hits = VerdictJson.reader().readTree(r.body()).get("hits");
                if (hits.size() > 0) {
                    best = hits.get(0);
                    assertThat(VerdictJson.reader().readTree(r.body()).get("query").asText()).isEqualTo("a red scene");
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(best).as("the red scene").isNotNull();
            assertThat(best.get("paths").toString()).as("search answers anyone: it names no job")
                    .isEqualTo("[\"" + VideoService.UPLOAD_PATH + "\"]");
            assertThat(best.get("scene").get(0).asDouble()).isCloseTo(0.0, within(0.1));
            assertThat(best.get("is_explicit").asBoolean()).isTrue();

            HttpResponse<String> blue = send(service, HttpRequest.newBuilder(uri(service, "/search?q=a%20blue%20scene")).GET());
            assertThat(VerdictJson.reader().readTree(blue.body()).get("hits").get(0).get("scene").get(0).asDouble())
                    .isCloseTo(3.0, within(0.1));
            assertThat(send(service, HttpRequest.newBuilder(uri(service, "/search")).GET()).statusCode()).isEqualTo(400);
            assertThat(send(service, HttpRequest.newBuilder(uri(service, "/search?q=x&top=0")).GET()).statusCode()).isEqualTo(400);
            assertThat(send(service, HttpRequest.newBuilder(uri(service, "/search?q=x"))
                    .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(405);
        }
        try (LuceneSceneIndex reopened = LuceneSceneIndex.openReadOnly(tmp.resolve("index"))) {
            assertThat(reopened.videos()).as("the index outlives the service").isEqualTo(1);
        }
    }

    @Test
    void withoutAnIndexSearchIsNotFound() throws Exception {
        VideoJobs jobs = VideoJobs.builder(VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build())
                .workers(1).ownsClassifier(true).build();
        try (VideoService service = new VideoService(jobs, "127.0.0.1", 0, 1 << 20)) {
            HttpResponse<String> r = send(service, HttpRequest.newBuilder(uri(service, "/search?q=cake")).GET());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("--index");
        }
    }
}
