package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.ffmpeg.testing.TestVideos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code --detector adaptive} through the CLI on a video with camera motion and one cut at 3 s. */
class DetectorCliTest {
    @TempDir
    static Path dir;
    static Path video;

    /** A binary block texture (16-pixel blocks), pseudo-random and fixed: hash of the block coordinates. */
    private static final String BLOCK = "gt(mod(floor(X/16)*floor(X/16)*7+floor(Y/16)*floor(Y/16)*13+floor(X/16)*floor(Y/16)*3,17),8)";
    /** Camera position by frame: still for 1 s, then a pan speeding up to 12 px per frame. */
    private static final String PAN = "if(lt(n,30),0,if(lt(n,50),0.3*(n-30)*(n-30),120+12*(n-50)))";

    /** A 3 s scene: the texture in {@code dark}/{@code bright} RGB, panned horizontally or vertically. */
    private static String scene(String label, int w, int h, int[] dark, int[] bright, boolean horizontal) {
        String[] ch = {"r", "g", "b"};
        StringBuilder geq = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            geq.append(i == 0 ? "" : ":").append(ch[i]).append("='if(").append(BLOCK).append(',')
                    .append(bright[i]).append(',').append(dark[i]).append(")'");
        }
        return "color=s=" + w + "x" + h + ":r=30,trim=end_frame=1,format=rgb24,geq=" + geq
                + ",loop=loop=89:size=1,setpts=N/30/TB,crop=320:240:x='" + (horizontal ? PAN : "0")
                + "':y='" + (horizontal ? "0" : PAN) + "',format=yuv420p[" + label + "]";
    }

    @BeforeAll
    static void writeVideo() {
        video = dir.resolve("pans.mp4");
        TestVideos.run("-filter_complex",
                scene("a", 1000, 240, new int[] {15, 15, 15}, new int[] {240, 240, 240}, true) + ";"
                        + scene("b", 320, 1000, new int[] {0, 30, 110}, new int[] {170, 230, 255}, false) + ";"
                        + "[a][b]concat=n=2:v=1:a=0[out]",
                "-map", "[out]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", video.toString());
    }

    private static List<Double> cuts(JsonNode scenes) {
        List<Double> out = new ArrayList<>();
        scenes.get("cuts_s").forEach(c -> out.add(c.asDouble()));
        return out;
    }

    @Test
    void theAdaptiveDetectorFindsTheCutAndNotThePans() throws Exception {
        for (String sampler : new String[] {"exact", "auto"}) {
            CliTest.Run r = CliTest.cli(null, "scenes", video.toString(), "--sampler", sampler, "--detector", "adaptive");
            assertThat(r.exit()).as(r.err()).isZero();
            List<Double> cuts = cuts(r.json());
            assertThat(cuts).as(sampler).hasSize(1);
            assertThat(cuts.get(0)).as(sampler).isCloseTo(3.0, within(1.0 / 30 + 1e-3));
        }
        // ContentDetector, the default, also cuts where each pan speeds up past its threshold
        CliTest.Run content = CliTest.cli(null, "scenes", video.toString(), "--sampler", "exact");
        assertThat(content.exit()).as(content.err()).isZero();
        assertThat(cuts(content.json())).hasSizeGreaterThan(1)
                .anySatisfy(c -> assertThat(Math.abs(c - 3.0)).isGreaterThan(0.5));
    }

    @Test
    void classifyTakesTheDetectorAndAnUnknownOneIsAUsageError() throws Exception {
        CliTest.Run r = CliTest.cli(null, "classify", video.toString(), "--detector", "adaptive");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("status").asText()).isEqualTo("done");
        assertThat(r.json().get("keyframes")).hasSize(2);
        CliTest.Run bad = CliTest.cli(null, "scenes", video.toString(), "--detector", "histogram");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown detector 'histogram'");
    }
}
