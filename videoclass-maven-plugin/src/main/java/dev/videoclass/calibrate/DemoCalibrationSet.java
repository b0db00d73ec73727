package dev.videoclass.calibrate;

import dev.videoclass.Frame;
import dev.videoclass.image.Images;
import dev.videoclass.onnx.demo.DemoModel;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a small labelled calibration set that fits {@link DemoModel}'s rubric (where red stands in
 * for explicit content): colour-card pictures and two short videos with hard cuts, plus
 * {@code manifest.json}. For trying the goal and for its own tests; generated, so no media sits in
 * git. Stateless.
 */
public final class DemoCalibrationSet {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    private DemoCalibrationSet() {
    }

    /** Writes the set into {@code dir} (created if missing), encoding its videos with {@code encoder}. */
    public static void write(Path dir, FfmpegStillEncoder encoder) throws IOException {
        Files.createDirectories(dir);
        Path red = card(dir.resolve("red-card.png"), 0xD02018);
        Path blue = card(dir.resolve("blue-card.png"), 0x2030C8);
        Path green = card(dir.resolve("green-card.png"), 0x20A030);
        card(dir.resolve("dark-card.png"), 0x141418);
        encoder.encodeSlideshow(List.of(blue, green, blue), 1.5, PhoneEncoding.HEVC_BT709, dir.resolve("calm.mov"));
        encoder.encodeSlideshow(List.of(blue, red, blue), 1.5, PhoneEncoding.H264_BT709, dir.resolve("flash.mp4"));
        Files.writeString(dir.resolve("manifest.json"), """
                {"items": [
                  {"file": "red-card.png", "explicit": true, "tags": ["red"]},
                  {"file": "blue-card.png", "explicit": false, "tags": ["blue"]},
                  {"file": "green-card.png", "explicit": false, "tags": ["green"]},
                  {"file": "dark-card.png", "explicit": false, "tags": ["dark"]},
                  {"file": "calm.mov", "explicit": false, "tags": ["blue", "green"]},
                  {"file": "flash.mp4", "explicit": true, "tags": ["blue", "red"]}
                ]}
                """, StandardCharsets.UTF_8);
    }

    static Path card(Path file, int rgb) throws IOException {
        return card(file, rgb, WIDTH, HEIGHT);
    }

    /** A colour card with a soft gradient and a fine checker, like a photo of a coloured wall, as PNG. */
    static Path card(Path file, int rgb, int width, int height) throws IOException {
        byte[] px = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                int shade = (x + y) * 40 / (width + height) - 20 + ((((x / 8) + (y / 8)) & 1) == 0 ? 10 : -10);
                px[i] = (byte) clamp((rgb >> 16 & 0xFF) + shade);
                px[i + 1] = (byte) clamp((rgb >> 8 & 0xFF) + shade);
                px[i + 2] = (byte) clamp((rgb & 0xFF) + shade);
            }
        }
        ImageIO.write(Images.toImage(new Frame(width, height, px, 0)), "png", file.toFile());
        return file;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
