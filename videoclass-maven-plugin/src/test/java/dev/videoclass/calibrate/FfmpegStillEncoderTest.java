package dev.videoclass.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.VideoInfo;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.image.Images;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The GPL ffmpeg from the class path turns a still into phone-like videos whose codec, container tag,
 * size, colour tags and pixels are right, checked with the videoclass decoder and ffprobe.
 */
class FfmpegStillEncoderTest {
    static final int W = 320;
    static final int H = 240;
    /** Saturated colours of the top row of blocks: a wrong matrix moves them by 5+ levels. */
    static final int[] BLOCKS = {0xE02020, 0x20C040, 0x2040E0, 0xF0D020, 0x20D0D0, 0xD020D0, 0xF0F0F0, 0x101010};

    @TempDir
    static Path dir;
    static Path png;
    static Frame picture;
    static final FfmpegStillEncoder ENCODER = FfmpegStillEncoder.fromClasspath();
    static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();

    @BeforeAll
    static void writePicture() throws IOException {
        BufferedImage img = testPicture(W, H);
        png = dir.resolve("still.png");
        ImageIO.write(img, "png", png.toFile());
        picture = Images.fromImage(ImageIO.read(png.toFile()), 0);
    }

    /** Top half: eight colour blocks; bottom half: red ramp left to right, green ramp top to bottom. */
    static BufferedImage testPicture(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int bw = Math.max(1, w / BLOCKS.length);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb;
                if (y < h / 2) {
                    rgb = BLOCKS[Math.min(BLOCKS.length - 1, x / bw)];
                } else {
                    int r = x * 255 / Math.max(1, w - 1);
                    int g = (y - h / 2) * 255 / Math.max(1, h - h / 2 - 1);
                    rgb = r << 16 | g << 8 | 0x80;
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @ParameterizedTest
    @EnumSource(PhoneEncoding.class)
    void encodesThePictureAsPhonesDo(PhoneEncoding encoding) throws Exception {
        Path out = dir.resolve("still-" + encoding.id() + encoding.extension());
        ENCODER.encode(png, encoding, 1.0, out);

        Map<String, String> s = probeStream(out);
        assertThat(s.get("codec_name")).isEqualTo(encoding.codecName());
        assertThat(s.get("codec_tag_string")).isEqualTo(encoding == PhoneEncoding.HEVC_BT709 || encoding == PhoneEncoding.HEVC_BT601
                ? "hvc1" : "avc1");
        assertThat(s.get("pix_fmt")).isEqualTo("yuv420p");
        assertThat(s.get("color_range")).isEqualTo("tv");
        assertThat(s.get("color_space")).isEqualTo(encoding.colourTag());
        assertThat(s.get("color_primaries")).isEqualTo(encoding.colourTag());
        assertThat(s.get("color_transfer")).isEqualTo(encoding.colourTag());
        assertThat(s.get("r_frame_rate")).isEqualTo("30/1");
        assertThat(s.get("nb_frames")).isEqualTo("30");
        assertThat(TestVideos.probe("-show_entries", "format=format_name", "-of", "default=noprint_wrappers=1:nokey=1",
                out.toString()).strip()).isEqualTo("mov,mp4,m4a,3gp,3g2,mj2");

        try (FrameSource src = DECODER.open(VideoInput.of(out), DecodeOptions.DEFAULTS)) {
            VideoInfo info = src.info();
            assertThat(info.codec()).isEqualTo(encoding.codecName());
            assertThat(info.width()).isEqualTo(W);
            assertThat(info.height()).isEqualTo(H);
            assertThat(info.durationS()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
            for (double t : new double[] {0.0, 0.5, 0.95}) {
                Frame f = src.capture(t, 0);
                assertThat(f.width()).isEqualTo(W);
                assertThat(f.height()).isEqualTo(H);
                double[] mad = meanAbsDiff(f, picture);
                assertAllBelow(mad, 3.0, "mean |decoded - picture| per channel at " + t + " s, " + encoding);
            }
        }
    }

    /** Both matrices come back as the same colours: the tags match the matrix the conversion used. */
    @ParameterizedTest
    @EnumSource(value = PhoneEncoding.class, names = {"H264_BT601", "HEVC_BT601"})
    void bt601AndBt709DecodeToTheSameColours(PhoneEncoding bt601) throws Exception {
        PhoneEncoding bt709 = bt601 == PhoneEncoding.H264_BT601 ? PhoneEncoding.H264_BT709 : PhoneEncoding.HEVC_BT709;
        Frame a = encodeAndCapture(bt601, "pair-");
        Frame b = encodeAndCapture(bt709, "pair-");
        for (int i = 0; i < BLOCKS.length; i++) {
            double[] ma = blockMean(a, i);
            double[] mb = blockMean(b, i);
            double[] expected = {BLOCKS[i] >> 16 & 0xFF, BLOCKS[i] >> 8 & 0xFF, BLOCKS[i] & 0xFF};
            for (int c = 0; c < 3; c++) {
                assertThat(Math.abs(ma[c] - mb[c])).as("block %d channel %d: %s vs %s", i, c, bt601, bt709).isLessThanOrEqualTo(3.0);
                assertThat(Math.abs(ma[c] - expected[c])).as("block %d channel %d of %s", i, c, bt601).isLessThanOrEqualTo(3.0);
            }
        }
        assertAllBelow(meanAbsDiff(a, b), 1.5, "mean |" + bt601 + " - " + bt709 + "| per channel");
    }

    /**
     * Control for the test above: converting with BT.601 but tagging BT.709 visibly shifts saturated
     * colours, so matching colours do prove that tags and matrix agree.
     */
    @Test
    void aMismatchedTagWouldBeSeen() throws Exception {
        Path out = dir.resolve("mismatch.mp4");
        List<String> args = new ArrayList<>(List.of("-loop", "1", "-framerate", "30", "-i", png.toString(), "-t", "0.5"));
        for (String a : PhoneEncoding.H264_BT601.ffmpegArguments()) {
            args.add(a.replace("smpte170m", "bt709")); // tags (options and setparams), not the matrix of scale
        }
        args.add(out.toString());
        TestVideos.run(args.toArray(String[]::new));
        try (FrameSource src = DECODER.open(VideoInput.of(out), DecodeOptions.DEFAULTS)) {
            Frame f = src.capture(0.2, 0);
            double worst = 0;
            for (int i = 0; i < BLOCKS.length; i++) {
                double[] m = blockMean(f, i);
                worst = Math.max(worst, Math.abs(m[0] - (BLOCKS[i] >> 16 & 0xFF)));
                worst = Math.max(worst, Math.abs(m[1] - (BLOCKS[i] >> 8 & 0xFF)));
                worst = Math.max(worst, Math.abs(m[2] - (BLOCKS[i] & 0xFF)));
            }
            assertThat(worst).as("largest channel error of a block").isGreaterThan(10.0);
        }
    }

    @Test
    void encodesAJpeg() throws Exception {
        Path jpeg = dir.resolve("still.jpg");
        writeJpeg(testPicture(W, H), jpeg, 0.98f);
        Frame expected = Images.fromImage(ImageIO.read(jpeg.toFile()), 0);
        Path out = dir.resolve("jpeg.mov");
        ENCODER.encode(jpeg, PhoneEncoding.HEVC_BT709, 0.5, out);
        try (FrameSource src = DECODER.open(VideoInput.of(out), DecodeOptions.DEFAULTS)) {
            assertAllBelow(meanAbsDiff(src.capture(0.2, 0), expected), 3.0, "mean |decoded - JPEG| per channel");
        }
    }

    /** A phone JPEG held sideways (EXIF orientation 6) comes out upright, as the image path shows it. */
    @Test
    void exifOrientationIsApplied() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        writeJpeg(testPicture(W, H), buf, 0.98f);
        byte[] jpeg = withExifOrientation(buf.toByteArray(), 6);
        Path file = dir.resolve("sideways.jpg");
        Files.write(file, jpeg);
        Frame upright = Images.decode(jpeg, Long.MAX_VALUE);
        assertThat(upright.width()).isEqualTo(H);
        Path out = dir.resolve("sideways.mp4");
        ENCODER.encode(file, PhoneEncoding.H264_BT709, 0.5, out);
        try (FrameSource src = DECODER.open(VideoInput.of(out), DecodeOptions.DEFAULTS)) {
            Frame f = src.capture(0.2, 0);
            assertThat(f.width()).isEqualTo(H);
            assertThat(f.height()).isEqualTo(W);
            assertAllBelow(meanAbsDiff(f, upright), 3.0, "mean |decoded - upright JPEG| per channel");
        }
    }

    @Test
    void durationAndFrameCountFollowSeconds() throws Exception {
        Path out = dir.resolve("long.mp4");
        ENCODER.encode(png, PhoneEncoding.H264_BT709, 2.5, out);
        assertThat(probeStream(out).get("nb_frames")).isEqualTo("75");
    }

    @Test
    void oddSizesAreRefused() throws Exception {
        for (int[] size : new int[][] {{321, 240}, {320, 241}}) {
            Path odd = dir.resolve("odd-" + size[0] + "x" + size[1] + ".png");
            ImageIO.write(testPicture(size[0], size[1]), "png", odd.toFile());
            Path out = dir.resolve("odd.mp4");
            assertThatThrownBy(() -> ENCODER.encode(odd, PhoneEncoding.H264_BT709, 1.0, out))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(size[0] + "x" + size[1])
                    .hasMessageContaining("even");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void otherArgumentsAreChecked() throws Exception {
        Path gif = dir.resolve("still.gif");
        ImageIO.write(testPicture(32, 32), "gif", gif.toFile());
        assertThatThrownBy(() -> ENCODER.encode(gif, PhoneEncoding.H264_BT709, 1.0, dir.resolve("gif.mp4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PNG or JPEG");
        assertThatThrownBy(() -> ENCODER.encode(png, PhoneEncoding.H264_BT709, 0, dir.resolve("zero.mp4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seconds");
        assertThatThrownBy(() -> ENCODER.encode(dir.resolve("absent.png"), PhoneEncoding.H264_BT709, 1.0, dir.resolve("a.mp4")))
                .isInstanceOf(IOException.class).hasMessageContaining("absent.png");
    }

    @Test
    void aMissingExecutableIsAnIOException() {
        Path missing = dir.resolve("no-such-dir").resolve("ffmpeg");
        assertThatThrownBy(() -> new FfmpegStillEncoder(missing).encode(png, PhoneEncoding.H264_BT709, 1.0, dir.resolve("m.mp4")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no ffmpeg executable at " + missing);
    }

    @Test
    void aNonExecutableFileIsAnIOException() throws Exception {
        Path plain = dir.resolve("plain-ffmpeg");
        Files.writeString(plain, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new FfmpegStillEncoder(plain).encode(png, PhoneEncoding.H264_BT709, 1.0, dir.resolve("n.mp4")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not executable")
                .hasMessageContaining(plain.toString());
    }

    /** The GPL executable without its libraries next to it: the message names the missing library. */
    @Test
    void aMissingSharedLibraryIsNamed() throws Exception {
        Path lonely = Files.createDirectory(dir.resolve("lonely")).resolve("ffmpeg");
        Files.copy(FfmpegStillEncoder.extractedDirectory().resolve("ffmpeg"), lonely);
        Files.setPosixFilePermissions(lonely, PosixFilePermissions.fromString("rwx------"));
        Path out = dir.resolve("lonely.mp4");
        assertThatThrownBy(() -> new FfmpegStillEncoder(lonely).encode(png, PhoneEncoding.H264_BT709, 1.0, out))
                .isInstanceOf(IOException.class)
                .hasMessageMatching("ffmpeg cannot start: the shared library lib\\S+\\.so\\.\\d+ is missing.*")
                .hasMessageNotContaining("\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aFailureCarriesTheLastErrorLine() {
        Path out = dir.resolve("no-such-dir").resolve("x.mp4");
        assertThatThrownBy(() -> ENCODER.encode(png, PhoneEncoding.H264_BT709, 1.0, out))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("ffmpeg failed (exit ")
                .hasMessageContaining("h264-bt709")
                .hasMessageContaining("No such file or directory")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aTimeoutKillsTheProcess() {
        Path out = dir.resolve("slow.mov");
        FfmpegStillEncoder hasty = ENCODER.withTimeout(Duration.ofMillis(1));
        assertThat(hasty.timeout()).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> hasty.encode(png, PhoneEncoding.HEVC_BT709, 30.0, out))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("timed out after 0.001 s");
        assertThat(out).doesNotExist();
    }

    @Test
    void theExtractedDirectoryHoldsTheLibrariesUnderTheirSonames() throws Exception {
        Path d = FfmpegStillEncoder.extractedDirectory();
        assertThat(FfmpegStillEncoder.extractedDirectory()).isSameAs(d);
        assertThat(d.resolve("libva.so.2")).exists();
        assertThat(d.resolve("libva-drm.so.2")).exists();
        assertThat(d.resolve("libavcodec.so.61")).exists();
        assertThat(Files.isExecutable(d.resolve("ffmpeg"))).isTrue();
        assertThat(FfmpegStillEncoder.readSoname(d.resolve("libva.so"))).isEqualTo("libva.so.2");
        assertThat(FfmpegStillEncoder.readSoname(d.resolve("ffmpeg"))).isNull();
        assertThat(FfmpegStillEncoder.readSoname(png)).isNull();
        assertThat(Files.getPosixFilePermissions(d)).containsExactlyInAnyOrderElementsOf(
                PosixFilePermissions.fromString("rwx------"));
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static Frame encodeAndCapture(PhoneEncoding e, String prefix) throws Exception {
        Path out = dir.resolve(prefix + e.id() + e.extension());
        ENCODER.encode(png, e, 0.5, out);
        try (FrameSource src = DECODER.open(VideoInput.of(out), DecodeOptions.DEFAULTS)) {
            return src.capture(0.2, 0);
        }
    }

    /** {@code key=value} facts of the first video stream from ffprobe. */
    static Map<String, String> probeStream(Path video) {
        String out = TestVideos.probe("-select_streams", "v:0", "-show_entries",
                "stream=codec_name,codec_tag_string,pix_fmt,color_space,color_primaries,color_transfer,color_range,"
                        + "r_frame_rate,nb_frames,width,height",
                "-of", "default=noprint_wrappers=1", video.toString());
        Map<String, String> m = new HashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        assertThat(m).containsEntry("width", Integer.toString(W)).containsEntry("height", Integer.toString(H));
        return m;
    }

    static void assertAllBelow(double[] values, double limit, String what) {
        for (double v : values) {
            assertThat(v).as("%s: %s", what, java.util.Arrays.toString(values)).isLessThan(limit);
        }
    }

    /** Mean absolute difference {r,g,b} on the 0–255 scale between frames of equal size. */
    static double[] meanAbsDiff(Frame a, Frame b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        byte[] pa = a.rgb();
        byte[] pb = b.rgb();
        double[] sum = new double[3];
        for (int i = 0; i < a.width() * a.height() * 3; i++) {
            sum[i % 3] += Math.abs((pa[i] & 0xFF) - (pb[i] & 0xFF));
        }
        int n = a.width() * a.height();
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    /** Mean {r,g,b} inside colour block {@code i} of the test picture, 8 pixels in from its edges. */
    static double[] blockMean(Frame f, int i) {
        int bw = f.width() / BLOCKS.length;
        int x0 = i * bw + 8;
        int x1 = (i + 1) * bw - 8;
        int y0 = 8;
        int y1 = f.height() / 2 - 8;
        double[] m = new double[3];
        byte[] p = f.rgb();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int o = (y * f.width() + x) * 3;
                for (int c = 0; c < 3; c++) {
                    m[c] += p[o + c] & 0xFF;
                }
            }
        }
        int n = (x1 - x0) * (y1 - y0);
        for (int c = 0; c < 3; c++) {
            m[c] /= n;
        }
        return m;
    }

    private static void writeJpeg(BufferedImage img, Path file, float quality) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeJpeg(img, out, quality);
        }
    }

    private static void writeJpeg(BufferedImage img, OutputStream out, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** Inserts an APP1 EXIF block with the orientation tag right after SOI (big-endian TIFF). */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        int len = exif.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
