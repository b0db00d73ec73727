package dev.videoclass.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.testing.TestVideos;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * YUV matrix and range (ARCHITECTURE.md, "Parity"): a flat colour encoded with BT.601 or BT.709, limited or
 * full range, comes back as the same RGB in analysis frames and captures.
 */
class ColourTest {
    @TempDir
    static Path dir;
    static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();
    static final int COLOUR = 0x3080C0; // saturated enough that a wrong matrix or range is visible

    @ParameterizedTest
    @CsvSource({
        "320x240,   bt601, tv, smpte170m",
        "320x240,   bt709, tv, bt709",
        "320x240,   bt709, pc, bt709",
        "320x240,   bt601, pc, smpte170m",
        "1280x720,  bt709, tv, ''",      // untagged HD: BT.709 by convention
        "320x240,   bt601, tv, ''"})     // untagged SD: BT.601 by convention
    void flatColourRoundTrips(String size, String matrix, String range, String tag) throws Exception {
        Path out = dir.resolve("c-" + size + matrix + range + tag + ".mp4");
        String vf = "scale=out_color_matrix=" + matrix + ":out_range=" + range + ":flags=accurate_rnd+full_chroma_int,format=yuv420p";
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "-f", "lavfi", "-i", String.format("color=c=0x%06X:s=%s:r=10:d=0.5", COLOUR, size),
                "-vf", vf, "-c:v", "libx264", "-preset", "veryfast", "-qp", "0", "-color_range", range));
        if (!tag.isEmpty()) {
            args.addAll(java.util.List.of("-colorspace", tag));
        }
        args.add(out.toString());
        TestVideos.run(args.toArray(String[]::new));
        try (FrameSource src = DECODER.open(VideoInput.of(out), DecodeOptions.DEFAULTS)) {
            assertColour(src.next());
            assertColour(src.capture(0.2, 0));
        }
    }

    /** Any wrong matrix or range puts some channel of this colour 5 or more levels off (see the class comment). */
    private static void assertColour(Frame f) {
        double[] m = Pixels.mean(f, f.width() / 4, f.height() / 4, f.width() * 3 / 4, f.height() * 3 / 4);
        assertThat(m[0]).as("red").isCloseTo(COLOUR >> 16 & 0xFF, within(4.0));
        assertThat(m[1]).as("green").isCloseTo(COLOUR >> 8 & 0xFF, within(4.0));
        assertThat(m[2]).as("blue").isCloseTo(COLOUR & 0xFF, within(4.0));
    }
}
