package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.Frame;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.image.Images;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The CLI as outside checks use it: a separate JVM, JSON on stdout, exit status 0/3/2. */
class CliTest {
    @TempDir
    static Path dir;
    static Path video;
    static TestVideos.Builder spec;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return VerdictJson.reader().readTree(out);
        }
    }

    @BeforeAll
    static void writeVideo() {
        spec = TestVideos.video().size(320, 240).segments(3, 1.5);
        video = spec.writeTo(dir.resolve("clip.mp4"));
    }

    static Run cli(byte[] stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VideoclassCli.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void scenesPrintsCutsAndKeyframes() throws Exception {
        Run r = cli(null, "scenes", video.toString(), "--sampler", "exact");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("duration_s").asDouble()).isCloseTo(4.5, within(0.1));
        assertThat(j.get("cuts_s")).hasSize(2);
        assertThat(j.get("cuts_s").get(0).asDouble()).isCloseTo(spec.cuts().get(0), within(1.0 / 30 + 1e-3));
        assertThat(j.get("keyframes")).hasSize(3);
        assertThat(j.get("keyframes").get(0).has("pts_s")).isTrue();
        assertThat(j.get("sampler").asText()).isEqualTo("exact");
    }

    @Test
    void classifyWritesVerdictAndPoster() throws Exception {
        Path poster = dir.resolve("poster.jpg");
        Run r = cli(null, "classify", video.toString(), "--max-keyframes", "2", "--poster", poster.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("status").asText()).isEqualTo("done");
        assertThat(j.get("keyframes")).hasSize(2);
        assertThat(j.get("inferences").asInt()).isEqualTo(2);
        Frame img = Images.decode(Files.readAllBytes(poster), Long.MAX_VALUE);
        assertThat(img.width()).isEqualTo(j.get("poster_width").asInt());
        assertThat(java.util.Base64.getDecoder().decode(j.get("poster_b64").asText())).isEqualTo(Files.readAllBytes(poster));
    }

    @Test
    void dashReadsAnUploadFromStandardInput() throws Exception {
        Run fromFile = cli(null, "classify", video.toString());
        Run fromStdin = cli(Files.readAllBytes(video), "classify", "-");
        assertThat(fromStdin.exit()).as(fromStdin.err()).isZero();
        assertThat(fromStdin.json().get("keyframes")).isEqualTo(fromFile.json().get("keyframes"));
        assertThat(fromStdin.json().get("is_explicit")).isEqualTo(fromFile.json().get("is_explicit"));
    }

    @Test
    void failedVerdictExitsThreeWithJson() throws Exception {
        Run empty = cli(new byte[0], "classify", "-");
        assertThat(empty.exit()).isEqualTo(3);
        assertThat(empty.json().get("error").get("code").asText()).isEqualTo("empty_input");
        Path junk = dir.resolve("junk.mp4");
        Files.writeString(junk, "definitely not a video");
        Run bad = cli(null, "classify", junk.toString());
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.json().get("status").asText()).isEqualTo("failed");
        assertThat(bad.json().get("error").get("code").asText()).isEqualTo("unsupported_format");
        Run scenes = cli(null, "scenes", junk.toString());
        assertThat(scenes.exit()).isEqualTo(3);
        assertThat(scenes.json().get("error").get("code").asText()).isEqualTo("unsupported_format");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(cli(null).exit()).isEqualTo(2);
        assertThat(cli(null, "classify").exit()).isEqualTo(2);
        assertThat(cli(null, "classify", video.toString(), "--sampler", "sometimes").exit()).isEqualTo(2);
        assertThat(cli(null, "classify", video.toString(), "--max-keyframes", "many").exit()).isEqualTo(2);
        Path badRubric = dir.resolve("rubric.json");
        Files.writeString(badRubric, "{\"id\": \"x\"}");
        Run r = cli(null, "classify", video.toString(), "--rubric", badRubric.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("rubric");
    }

    @Test
    void helpListsTheExitStatusesAndVersionIsTheBuildsVersion() throws Exception {
        Run help = cli(null, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Exit status:", "  0   done", "  1   unexpected error", "  2   usage error",
                "  3   failed verdict");
        Run classifyHelp = cli(null, "classify", "--help");
        assertThat(classifyHelp.out()).contains("Exit status:", "--max-duration=SECONDS", "--timeout=SECONDS");

        Run version = cli(null, "--version");
        assertThat(version.exit()).isZero();
        // the version in this module's POM (its parent's), which the build filters into the resource
        String pom = Files.readString(Path.of("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<parent>.*?<version>([^<]+)</version>",
                java.util.regex.Pattern.DOTALL).matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(version.out().trim()).isEqualTo("videoclass " + m.group(1));
    }

    @Test
    void imageGivesTheFrameVerdictOfAStill() throws Exception {
        byte[] rgb = new byte[200 * 100 * 3];
        java.util.Arrays.fill(rgb, (byte) 8); // a near-black picture
        Path jpg = dir.resolve("dark.jpg");
        Files.write(jpg, Images.encodeJpeg(new Frame(200, 100, rgb, 0), 0.9f));
        Run r = cli(null, "image", jpg.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("status").asText()).isEqualTo("done");
        assertThat(j.get("tags").toString()).contains("dark");
        assertThat(j.get("width").asInt()).isEqualTo(200);
        Run fromStdin = cli(Files.readAllBytes(jpg), "image", "-");
        assertThat(fromStdin.json().get("scores")).isEqualTo(j.get("scores"));
        Run junk = cli("nope".getBytes(StandardCharsets.UTF_8), "image", "-");
        assertThat(junk.exit()).isEqualTo(3);
    }

    @Test
    void makeSampleWritesAVideoWithTheCutsItAnnounces() throws Exception {
        Path sample = dir.resolve("sample.mp4");
        Run made = cli(null, "make-sample", sample.toString(), "--scene-seconds", "1");
        assertThat(made.exit()).as(made.err()).isZero();
        JsonNode announced = made.json().get("cuts_s");
        Run scenes = cli(null, "scenes", sample.toString(), "--sampler", "exact");
        JsonNode found = scenes.json().get("cuts_s");
        assertThat(found).hasSameSizeAs(announced);
        for (int i = 0; i < found.size(); i++) {
            assertThat(found.get(i).asDouble()).isCloseTo(announced.get(i).asDouble(), within(1.0 / 30 + 1e-3));
        }
    }
}
