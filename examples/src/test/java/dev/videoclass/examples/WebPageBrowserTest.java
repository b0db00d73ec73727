package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.index.lucene.LuceneSceneIndex;
import dev.videoclass.jobs.VideoJobs;
import dev.videoclass.json.VerdictJson;
import dev.videoclass.onnx.OnnxOptions;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.onnx.demo.DemoModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service's page in a real browser: Debian's {@code chromium} driven through its
 * {@code chromium-driver} by Selenium, against a service with the demo model, a scene index and
 * keyframe thumbnails. {@code .ci/run} installs both packages, so CI runs this test; elsewhere it is
 * skipped, saying what to install. Screenshots of each state go to {@code target/page-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "page-screenshots");
    static final Duration VERDICT_WAIT = Duration.ofSeconds(180);

    @TempDir
    static Path tmp;
    static VideoService service;
    static ChromeDriver browser;

    /** An executable on the PATH (or in /usr/bin), if installed. */
    static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> chromium = executable("chromium");
        Optional<Path> driver = executable("chromedriver");
        assumeTrue(chromium.isPresent() && driver.isPresent(), "skipping the page's browser test: Debian's chromium and "
                + "chromium-driver are not installed here (apt-get install chromium chromium-driver; .ci/run installs them)");
        DemoModel.write(tmp.resolve("model"));
        VideoClassifier classifier = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).embeddings(true)
                .scorer(OnnxScorer.open(tmp.resolve("model"), OnnxOptions.builder().provider(OnnxOptions.Provider.CPU).build()))
                .build();
        SceneSearch scenes = new SceneSearch(LuceneSceneIndex.open(tmp.resolve("index")), classifier.embedder().orElseThrow());
        KeyframeThumbnails thumbnails = new KeyframeThumbnails(classifier, new FfmpegVideoDecoder(),
                KeyframeThumbnails.DEFAULT_MAX_SIDE);
        VideoJobs jobs = VideoJobs.builder(thumbnails).workers(1).ownsClassifier(true).build();
        service = new VideoService(jobs, "127.0.0.1", 0, 64L << 20, scenes, thumbnails);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1800", "--lang=en");
        ChromeDriverService driverService = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    static Path sample(String name, String... options) {
        List<String> args = new ArrayList<>(List.of(tmp.resolve(name).toString(), "--scene-seconds", "1.5"));
        args.addAll(List.of(options));
        assertThat(new CommandLine(new MakeSample()).execute(args.toArray(String[]::new))).isZero();
        return tmp.resolve(name);
    }

    /** Opens the page, uploads {@code video} through the file input and waits for its verdict. */
    static WebElement upload(Path video) {
        browser.get("http://127.0.0.1:" + service.port() + "/");
        browser.findElement(By.id("video-file")).sendKeys(video.toAbsolutePath().toString());
        WebElement verdict = browser.findElement(By.id("verdict"));
        new WebDriverWait(browser, VERDICT_WAIT).until(b -> Optional.ofNullable(verdict.getAttribute("data-state"))
                .filter(state -> !state.isEmpty()).isPresent() && allImagesLoaded());
        return verdict;
    }

    static boolean allImagesLoaded() {
        return (Boolean) browser.executeScript(
                "return Array.from(document.images).filter(i => i.getAttribute('src')).every(i => i.complete)");
    }

    static void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Number> rect(WebElement e) {
        return (Map<String, Number>) browser.executeScript("const r = arguments[0].getBoundingClientRect();"
                + " return {left: r.left, width: r.width, centre: r.left + r.width / 2};", e);
    }

    @Test
    @Order(1)
    void theSamplesVerdictShowsOneThumbnailPerKeyframeAtItsTimeWithTheDecidingOnesMarked() throws Exception {
        WebElement section = upload(sample("sample.mp4"));
        assertThat(section.getAttribute("data-state")).isEqualTo("done");
        JsonNode verdict = VerdictJson.reader().readTree(browser.findElement(By.id("raw-json")).getAttribute("textContent"));
        JsonNode keyframes = verdict.get("keyframes");
        double duration = verdict.get("duration_s").asDouble();
        assertThat(browser.findElement(By.id("poster")).getAttribute("naturalWidth")).isNotEqualTo("0");
        assertThat(browser.findElement(By.id("explicit")).getText())
                .contains(verdict.get("is_explicit").asBoolean() ? "Explicit" : "Not explicit");

        WebElement timeline = browser.findElement(By.id("timeline"));
        List<WebElement> shown = timeline.findElements(By.className("keyframe"));
        assertThat(shown).hasSize(keyframes.size()).hasSizeGreaterThan(1);
        Map<String, Number> track = rect(timeline);
        List<Double> decisive = new ArrayList<>();
        List<Double> explicit = new ArrayList<>();
        verdict.get("evidence").get("explicit").forEach(t -> explicit.add(t.asDouble()));
        verdict.get("evidence").get("tags").forEach(times -> times.forEach(t -> decisive.add(t.asDouble())));
        decisive.addAll(explicit);
        assertThat(decisive).as("the sample's verdict has evidence to mark").isNotEmpty();
        assertThat(explicit.isEmpty()).as("explicit evidence exactly when explicit").isNotEqualTo(verdict.get("is_explicit").asBoolean());
        for (int i = 0; i < keyframes.size(); i++) {
            WebElement k = shown.get(i);
            double pts = keyframes.get(i).get("pts_s").asDouble();
            WebElement thumbnail = k.findElement(By.className("thumbnail"));
            assertThat(thumbnail.getAttribute("naturalWidth")).as("thumbnail %d loaded", i).isNotEqualTo("0");
            double expected = track.get("left").doubleValue() + track.get("width").doubleValue() * pts / duration;
            assertThat(rect(k.findElement(By.className("tick"))).get("centre").doubleValue()).as("keyframe %d at %.2f s", i, pts)
                    .isCloseTo(expected, within(2.0));
            assertThat(rect(thumbnail).get("centre").doubleValue()).isCloseTo(expected, within(2.0));
            boolean decided = decisive.stream().anyMatch(t -> Math.abs(t - pts) < 1e-6);
            boolean decidedExplicit = explicit.stream().anyMatch(t -> Math.abs(t - pts) < 1e-6);
            List<String> classes = List.of(k.getAttribute("class").split(" "));
            assertThat(classes.contains("decided")).as("keyframe %d marked", i).isEqualTo(decided);
            assertThat(classes.contains("decided-explicit")).as("keyframe %d marked explicit", i).isEqualTo(decidedExplicit);
            assertThat(k.getText().contains("★")).as("keyframe %d marked in words", i).isEqualTo(decided);
            assertThat(k.getText().contains("★ explicit")).as("keyframe %d marked explicit in words", i).isEqualTo(decidedExplicit);
            assertThat(k.getAttribute("aria-label").contains("decided the verdict")).isEqualTo(decided);
        }
        assertThat((Boolean) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".every(e => e.name.startsWith(location.origin + '/'))")).as("every request went to the service").isTrue();
        screenshot("verdict");

        // keyboard only: Tab from the verdict's heading reaches the first keyframe, whose scores then show
        browser.findElement(By.id("verdict-title")).click();
        for (int tabs = 0; tabs < 20 && !shown.get(0).equals(browser.switchTo().activeElement()); tabs++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement()).isEqualTo(shown.get(0));
        String details = browser.findElement(By.id("keyframe-details")).getText();
        assertThat(details).contains("Keyframe 1").contains(keyframes.get(0).get("scores").fieldNames().next());

        // the raw JSON one click away
        assertThat(browser.findElement(By.id("raw-json")).isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("#raw summary")).click();
        assertThat(browser.findElement(By.id("raw-json")).isDisplayed()).isTrue();

        // phone width: nothing wider than the screen, every keyframe still on the timeline
        browser.manage().window().setSize(new Dimension(390, 1800));
        try {
            assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            Map<String, Number> narrow = rect(timeline);
            for (WebElement k : shown) {
                double centre = rect(k.findElement(By.className("tick"))).get("centre").doubleValue();
                assertThat(centre).isBetween(narrow.get("left").doubleValue() - 1,
                        narrow.get("left").doubleValue() + narrow.get("width").doubleValue() + 1);
            }
            screenshot("verdict-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1800));
        }
    }

    @Test
    @Order(2)
    void randomBytesShowTheFailedStateWithItsCodeAndNoStackTrace() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(16).nextBytes(junk);
        Path file = Files.write(tmp.resolve("junk.mp4"), junk);
        WebElement section = upload(file);
        assertThat(section.getAttribute("data-state")).isEqualTo("failed");
        assertThat(browser.findElement(By.id("failure")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();
        JsonNode verdict = VerdictJson.reader().readTree(browser.findElement(By.id("raw-json")).getAttribute("textContent"));
        assertThat(browser.findElement(By.id("error-code")).getText()).isEqualTo(verdict.get("error").get("code").asText())
                .isNotBlank();
        assertThat(browser.findElement(By.id("error-message")).getText()).isEqualTo(verdict.get("error").get("message").asText());
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Exception", "\tat ", "at dev.");
        screenshot("failed");
    }

    @Test
    @Order(3)
    void searchingForARedSceneShowsTheRedSceneFirst() throws Exception {
        WebElement section = upload(sample("rgb.mp4", "--colours", "red,green,blue"));
        assertThat(section.getAttribute("data-state")).isEqualTo("done");
        String job = "/jobs/" + section.getAttribute("data-job-id") + "/";
        WebElement first = null;
        for (int attempt = 0; attempt < 50 && first == null; attempt++) { // a job's scenes are indexed as it ends
            WebElement query = browser.findElement(By.id("query"));
            query.clear();
            query.sendKeys("a red scene", Keys.ENTER);
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !b.findElement(By.id("search-status")).getText()
                    .startsWith("Searching") && allImagesLoaded());
            List<WebElement> hits = browser.findElements(By.cssSelector("#hits .hit"));
            List<WebElement> pictures = hits.isEmpty() ? List.of() : hits.get(0).findElements(By.className("thumbnail"));
            if (!pictures.isEmpty() && pictures.get(0).getAttribute("src").contains(job)) { // this page's upload
                first = hits.get(0);
            } else {
                Thread.sleep(200);
            }
        }
        assertThat(first).as("a hit from the red, green and blue video").isNotNull();
        assertThat(browser.findElement(By.id("hits")).getText()).as("search names no job").doesNotContain("job:");
        assertThat(Double.parseDouble(first.getAttribute("data-scene-start"))).as("the red scene opens the video")
                .isCloseTo(0.0, within(0.1));
        assertThat(first.findElement(By.className("thumbnail")).getAttribute("naturalWidth")).isNotEqualTo("0");
        screenshot("search");
    }
}
