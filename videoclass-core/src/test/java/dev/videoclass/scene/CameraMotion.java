package dev.videoclass.scene;

import java.util.Random;

/**
 * Synthetic camera motion for scene tests: a large textured picture (random blocks of two shades of
 * one colour) that the camera pans across or zooms into. Each frame changes in many pixels — a high
 * content value on every frame — while the content stays the same scene.
 */
public final class CameraMotion {
    /** Frames of {@link #clip()}, at 30 fps. */
    public static final int CLIP_FRAMES = 240;
    /** The cuts of {@link #clip()}, frame indices. */
    public static final int[] CLIP_CUTS = {90, 150};

    private static final CameraMotion GREY = new CameraMotion(640, 360, new int[] {10, 10, 10}, new int[] {245, 245, 245}, 8, 1);
    private static final CameraMotion BLUE = new CameraMotion(640, 360, new int[] {0, 20, 90}, new int[] {170, 240, 255}, 2, 2);
    private static final CameraMotion ORANGE = new CameraMotion(640, 360, new int[] {90, 20, 0}, new int[] {255, 190, 60}, 6, 3);

    private final int tw;
    private final int th;
    private final byte[] texture;

    /**
     * @param dark   RGB of the dark blocks
     * @param bright RGB of the bright blocks
     * @param block  block size, pixels
     */
    public CameraMotion(int tw, int th, int[] dark, int[] bright, int block, long seed) {
        this.tw = tw;
        this.th = th;
        this.texture = new byte[tw * th * 3];
        Random r = new Random(seed);
        int bw = (tw + block - 1) / block;
        boolean[] cells = new boolean[bw * ((th + block - 1) / block)];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = r.nextBoolean();
        }
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int[] c = cells[(y / block) * bw + x / block] ? bright : dark;
                int p = (y * tw + x) * 3;
                texture[p] = (byte) c[0];
                texture[p + 1] = (byte) c[1];
                texture[p + 2] = (byte) c[2];
            }
        }
    }

    /** The {@code w x h} view whose top-left corner is at {@code (x, y)} of the texture (wrapping). */
    public void pan(byte[] rgb, int w, int h, int x, int y) {
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                copy(rgb, (j * w + i) * 3, Math.floorMod(x + i, tw), Math.floorMod(y + j, th));
            }
        }
    }

    /** The {@code w x h} view of the texture's centre magnified {@code scale} times (bilinear). */
    public void zoom(byte[] rgb, int w, int h, double scale) {
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                double sx = tw / 2.0 + (i - w / 2.0) / scale;
                double sy = th / 2.0 + (j - h / 2.0) / scale;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < 3; c++) {
                    double top = (1 - fx) * at(x0, y0, c) + fx * at(x0 + 1, y0, c);
                    double bottom = (1 - fx) * at(x0, y0 + 1, c) + fx * at(x0 + 1, y0 + 1, c);
                    rgb[(j * w + i) * 3 + c] = (byte) Math.round((1 - fy) * top + fy * bottom);
                }
            }
        }
    }

    private int at(int x, int y, int channel) {
        return texture[(Math.floorMod(y, th) * tw + Math.floorMod(x, tw)) * 3 + channel] & 0xFF;
    }

    private void copy(byte[] rgb, int at, int x, int y) {
        int p = (y * tw + x) * 3;
        rgb[at] = texture[p];
        rgb[at + 1] = texture[p + 1];
        rgb[at + 2] = texture[p + 2];
    }

    /**
     * A clip of three scenes with camera motion, cut at {@link #CLIP_CUTS}: a grey texture, still for
     * 20 frames, then panned faster and faster up to 7 px per frame; a blue texture, still, then
     * zoomed out faster and faster up to 12 % per frame and slower again; an orange texture panned
     * diagonally, faster and faster up to 6 px per frame. Within a scene the content value of 64x36
     * frames climbs from 0 to 35-50, well over ContentDetector's 27, and changes little from frame to
     * frame; each cut is a content value of 85 or more next to frames of 20 or less.
     */
    public static FakeFrameSource.Painter clip() {
        return (index, rgb, w, h) -> {
            if (index < CLIP_CUTS[0]) {
                GREY.pan(rgb, w, h, (int) Math.round(ramp(index - 20, 0.35, 7)), 0);
            } else if (index < CLIP_CUTS[1]) {
                double scale = 4.0;
                for (int k = 0; k < index - CLIP_CUTS[0]; k++) {
                    scale /= 1 + zoomRate(k);
                }
                BLUE.zoom(rgb, w, h, scale);
            } else {
                int d = (int) Math.round(ramp(index - CLIP_CUTS[1], 0.3, 6));
                ORANGE.pan(rgb, w, h, -d, d / 3);
            }
        };
    }

    /** Distance after {@code frames} frames of a speed growing by {@code step} per frame up to {@code max}. */
    private static double ramp(int frames, double step, double max) {
        double x = 0;
        for (int k = 0; k < frames; k++) {
            x += Math.min(max, k * step);
        }
        return x;
    }

    /** The zoom rate of the blue scene's frame {@code k}: still, faster, steady, slower. */
    private static double zoomRate(int k) {
        return k < 20 ? 0 : k < 35 ? (k - 20) * 0.008 : k < 45 ? 0.12 : Math.max(0.01, 0.12 - (k - 45) * 0.02);
    }
}
