package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.image.Images;
import dev.videoclass.Frame;
import dev.videoclass.jobs.VideoJobs;
import dev.videoclass.json.VerdictJson;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's page files and keyframe thumbnails over HTTP (the browser test drives the page itself). */
class WebPageTest {
    @TempDir
    static Path tmp;
    static VideoService service;
    static HttpClient http;
    static Path rotated;

    @BeforeAll
    static void start() throws Exception {
        rotated = TestVideos.video().size(320, 240).displayRotation(90).segments(3, 1.0).writeTo(tmp.resolve("rotated.mp4"));
        KeyframeThumbnails thumbnails = new KeyframeThumbnails(
                VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).build(), new FfmpegVideoDecoder(), 96);
        VideoJobs jobs = VideoJobs.builder(thumbnails).workers(1).ownsClassifier(true).build();
        service = new VideoService(jobs, "127.0.0.1", 0, 2 * 1024 * 1024, null, thumbnails);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).GET().build(), body);
    }

    static JsonNode post(byte[] video) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/classify-video"))
                .header("Content-Type", "video/mp4").POST(HttpRequest.BodyPublishers.ofByteArray(video)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(202);
        String id = VerdictJson.reader().readTree(r.body()).get("job_id").asText();
        for (int i = 0; i < 1200; i++) {
            JsonNode job = VerdictJson.reader().readTree(get("/jobs/" + id, HttpResponse.BodyHandlers.ofString()).body());
            if (job.has("verdict")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Test
    void servesTheOnePageItsScriptAndStylesheetFromTheJarWithAPolicyThatKeepsThemOnThisOrigin() throws Exception {
        HttpResponse<String> page = get("/", HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(WebPage.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).contains("src=\"/page.js\"", "href=\"/page.css\"", "<label for=\"video-file\"");
        String script = get("/page.js", HttpResponse.BodyHandlers.ofString()).body();
        String style = get("/page.css", HttpResponse.BodyHandlers.ofString()).body();
        assertThat(get("/page.js", HttpResponse.BodyHandlers.ofString()).headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        // no other origin: no absolute URL anywhere; verdict data goes in as text only
        for (String file : new String[] {page.body(), script, style}) {
            assertThat(file).doesNotContainPattern("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/").doesNotContain("@import");
        }
        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    void aJobListsOneUprightThumbnailPerKeyframeAndServesThemAsJpeg() throws Exception {
        JsonNode job = post(Files.readAllBytes(rotated));
        JsonNode verdict = job.get("verdict");
        assertThat(verdict.get("status").asText()).isEqualTo("done");
        assertThat(verdict.has("keyframe_thumbnails")).as("the verdict JSON is unchanged").isFalse();
        JsonNode urls = job.get("keyframe_thumbnails");
        assertThat(urls.size()).isEqualTo(verdict.get("keyframes").size()).isGreaterThan(1);
        for (int i = 0; i < urls.size(); i++) {
            assertThat(urls.get(i).asText()).isEqualTo("/jobs/" + job.get("job_id").asText() + "/keyframes/" + i + ".jpg");
            HttpResponse<byte[]> jpeg = get(urls.get(i).asText(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(jpeg.statusCode()).isEqualTo(200);
            assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            Frame f = Images.decode(jpeg.body(), 1L << 20);
            assertThat(Math.max(f.width(), f.height())).isEqualTo(96);
            assertThat(f.height()).as("upright: the 320x240 video is turned a quarter").isGreaterThan(f.width());
        }
        String id = job.get("job_id").asText();
        assertThat(get("/jobs/" + id + "/keyframes/" + urls.size() + ".jpg", HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFailedJobHasNoThumbnails() throws Exception {
        JsonNode job = post("not a video at all".getBytes(StandardCharsets.UTF_8));
        assertThat(job.get("verdict").get("status").asText()).isEqualTo("failed");
        assertThat(job.has("keyframe_thumbnails")).isFalse();
        assertThat(get("/jobs/" + job.get("job_id").asText() + "/keyframes/0.jpg", HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
    }
}
