package dev.videoclass.scene;

import dev.videoclass.Frame;

/**
 * The content value of PySceneDetect's {@code ContentDetector} with its default weights (hue,
 * saturation and value 1 each, edges 0): how much a frame differs from the one before it.
 *
 * <p>Each frame is converted to HSV exactly as OpenCV's {@code cvtColor(..., COLOR_BGR2HSV)} does
 * for 8-bit images (the same fixed-point tables and rounding, so H is 0–179 and S, V are 0–255).
 * The content value is the mean over the three channels of the mean absolute difference to the
 * previous frame's channel: a number on a 0–255 scale. The first frame's value is 0, and so is the
 * value of the first frame after {@link #reset()} or after the frame size changes.
 *
 * <p>Cost: one integer pass per frame over the packed RGB bytes, no allocation per frame: the two
 * HSV planes are allocated on the first frame and again only when the frame size changes.
 *
 * <p>Not thread safe: one instance per stream of frames.
 */
public final class HsvContentScore {

    private static final int HSV_SHIFT = 12;
    private static final int HSV_ROUND = 1 << (HSV_SHIFT - 1);
    /** OpenCV's {@code sdiv_table}: round((255 << 12) / v). */
    private static final int[] SDIV = new int[256];
    /** OpenCV's {@code hdiv_table180}: round((180 << 12) / (6 * diff)). */
    private static final int[] HDIV = new int[256];

    static {
        for (int i = 1; i < 256; i++) {
            // OpenCV's saturate_cast<int>(double) rounds half to even; no entry here is a tie.
            SDIV[i] = (int) Math.rint((255 << HSV_SHIFT) / (1.0 * i));
            HDIV[i] = (int) Math.rint((180 << HSV_SHIFT) / (6.0 * i));
        }
    }

    private byte[] prevHsv;
    private byte[] curHsv;
    private int width;
    private int height;
    private boolean hasPrev;
    private double score;
    private double hue;
    private double sat;
    private double val;

    /** A score with no previous frame. */
    public HsvContentScore() {
    }

    /**
     * Scores {@code frame} against the frame given before it and keeps it as the new previous
     * frame. The frame is only read.
     *
     * @return the content value, 0–255 (0 for the first frame)
     */
    public double next(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        int n = w * h;
        if (curHsv == null || w != width || h != height) {
            curHsv = new byte[n * 3];
            prevHsv = new byte[n * 3];
            width = w;
            height = h;
            hasPrev = false;
        }
        byte[] cur = curHsv;
        if (hasPrev) {
            compare(frame.rgb(), cur, prevHsv, n);
        } else {
            convert(frame.rgb(), cur, n);
            hue = sat = val = score = 0;
        }
        curHsv = prevHsv;
        prevHsv = cur;
        hasPrev = true;
        return score;
    }

    /** Content value (0–255) of the frame last given to {@link #next}; 0 for the first frame. */
    public double score() {
        return score;
    }

    /** Mean absolute hue difference (0–179 scale) of the last frame. */
    public double deltaHue() {
        return hue;
    }

    /** Mean absolute saturation difference (0–255) of the last frame. */
    public double deltaSat() {
        return sat;
    }

    /** Mean absolute value (brightness) difference (0–255) of the last frame. */
    public double deltaVal() {
        return val;
    }

    /** Forgets the previous frame (keeps the buffers): the next frame scores 0. */
    public void reset() {
        hasPrev = false;
        score = hue = sat = val = 0;
    }

    /**
     * OpenCV's 8-bit RGB to HSV conversion of one pixel, packed as {@code h << 16 | s << 8 | v}
     * with h in 0–179. Exposed for tests and tools.
     */
    public static int hsv(int r, int g, int b) {
        int v = Math.max(r, Math.max(g, b));
        int vmin = Math.min(r, Math.min(g, b));
        int diff = v - vmin;
        int s = (diff * SDIV[v] + HSV_ROUND) >> HSV_SHIFT;
        int h;
        if (v == r) {
            h = g - b;
        } else if (v == g) {
            h = b - r + 2 * diff;
        } else {
            h = r - g + 4 * diff;
        }
        h = (h * HDIV[diff] + HSV_ROUND) >> HSV_SHIFT;
        if (h < 0) {
            h += 180;
        }
        return h << 16 | s << 8 | v;
    }

    /** Content value between two frames of the same size (allocates; for tests and tools). */
    public static double contentValue(Frame a, Frame b) {
        HsvContentScore s = new HsvContentScore();
        s.next(a);
        return s.next(b);
    }

    private static void convert(byte[] src, byte[] cur, int n) {
        for (int p = 0; p < n * 3; p += 3) {
            int c = hsv(src[p] & 0xFF, src[p + 1] & 0xFF, src[p + 2] & 0xFF);
            cur[p] = (byte) (c >> 16);
            cur[p + 1] = (byte) (c >> 8);
            cur[p + 2] = (byte) c;
        }
    }

    /** Converts {@code src} into {@code cur} and sets the differences to {@code prev}. */
    private void compare(byte[] src, byte[] cur, byte[] prev, int n) {
        int[] sdiv = SDIV;
        int[] hdiv = HDIV;
        long dh = 0;
        long ds = 0;
        long dv = 0;
        int len = n * 3;
        for (int p = 0; p < len; p += 3) {
            int r = src[p] & 0xFF;
            int g = src[p + 1] & 0xFF;
            int b = src[p + 2] & 0xFF;
            int v = Math.max(r, Math.max(g, b));
            int diff = v - Math.min(r, Math.min(g, b));
            int s = (diff * sdiv[v] + HSV_ROUND) >> HSV_SHIFT;
            // OpenCV's branch-free selection: v == r ? g - b : v == g ? b - r + 2 diff : r - g + 4 diff
            int vr = -((v ^ r) - 1 >>> 31); // -1 when v == r, else 0
            int vg = -((v ^ g) - 1 >>> 31);
            int hh = (vr & (g - b)) + (~vr & ((vg & (b - r + 2 * diff)) + (~vg & (r - g + 4 * diff))));
            hh = (hh * hdiv[diff] + HSV_ROUND) >> HSV_SHIFT;
            hh += (hh >> 31) & 180;
            dh += Math.abs(hh - (prev[p] & 0xFF));
            ds += Math.abs(s - (prev[p + 1] & 0xFF));
            dv += Math.abs(v - (prev[p + 2] & 0xFF));
            cur[p] = (byte) hh;
            cur[p + 1] = (byte) s;
            cur[p + 2] = (byte) v;
        }
        hue = (double) dh / n;
        sat = (double) ds / n;
        val = (double) dv / n;
        score = (hue + sat + val) / 3.0;
    }
}
