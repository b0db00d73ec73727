package dev.videoclass.scene;

import dev.videoclass.Frame;

import java.util.Arrays;

/** Synthetic frames and videos for scene tests. */
public final class Synth {
    private Synth() {
    }

    /** Strongly different base colours; any two neighbours differ by far more than threshold 27. */
    public static final int[][] PALETTE = {
            {200, 40, 40}, {40, 60, 210}, {230, 220, 60}, {30, 30, 30}, {60, 200, 60},
            {240, 240, 240}, {200, 50, 200}, {20, 90, 120}, {50, 200, 210}, {120, 60, 20},
    };

    public static Frame solid(int w, int h, int r, int g, int b, double pts) {
        byte[] rgb = new byte[w * h * 3];
        fill(rgb, w * h, r, g, b);
        return new Frame(w, h, rgb, pts);
    }

    public static void fill(byte[] rgb, int n, int r, int g, int b) {
        for (int i = 0; i < n; i++) {
            rgb[3 * i] = (byte) r;
            rgb[3 * i + 1] = (byte) g;
            rgb[3 * i + 2] = (byte) b;
        }
    }

    /**
     * Paints a textured frame of scene colour {@code c}: a checker of 4-pixel cells, +-{@code amp}
     * around the colour, shifted one pixel per frame {@code t} (slow motion, content value well
     * below 27).
     */
    public static void textured(byte[] rgb, int w, int h, int[] c, int t, int amp) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int d = (((x + t) >> 2) + (y >> 2)) % 2 == 0 ? amp : -amp;
                int p = (y * w + x) * 3;
                rgb[p] = (byte) clamp(c[0] + d);
                rgb[p + 1] = (byte) clamp(c[1] + d);
                rgb[p + 2] = (byte) clamp(c[2] + d);
            }
        }
    }

    public static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /**
     * A painter for a video whose scene k starts at frame {@code starts[k]} ({@code starts[0] == 0})
     * and uses palette colour k.
     */
    public static FakeFrameSource.Painter scenes(int... starts) {
        int[] s = starts.clone();
        return (index, rgb, w, h) -> {
            int k = Arrays.binarySearch(s, index);
            int scene = k >= 0 ? k : -k - 2;
            textured(rgb, w, h, PALETTE[scene % PALETTE.length], index, 10);
        };
    }
}
