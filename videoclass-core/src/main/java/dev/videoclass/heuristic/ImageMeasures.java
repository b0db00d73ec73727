package dev.videoclass.heuristic;

import dev.videoclass.Frame;

/**
 * Classical whole-image measurements on packed RGB frames, shared by the heuristic scorer and the
 * scene sampler's choice of representative frames. Stateless and thread safe; the methods that take
 * a scratch array allocate nothing when it is large enough.
 *
 * <p>Luma is BT.601 ({@code (77 R + 150 G + 29 B + 128) >> 8}, 0–255) on the full-range RGB of the
 * frame.
 */
public final class ImageMeasures {
    private ImageMeasures() {
    }

    /** BT.601 luma (0–255) of one pixel, in integer arithmetic. */
    public static int luma(int r, int g, int b) {
        return (77 * r + 150 * g + 29 * b + 128) >> 8;
    }

    /**
     * Writes the luma plane of {@code frame} into {@code out} (length at least the pixel count) and
     * returns it; allocates a new array when {@code out} is {@code null} or too small.
     */
    public static byte[] luma(Frame frame, byte[] out) {
        int n = frame.pixelCount();
        if (out == null || out.length < n) {
            out = new byte[n];
        }
        byte[] src = frame.rgb();
        for (int i = 0, p = 0; i < n; i++, p += 3) {
            out[i] = (byte) luma(src[p] & 0xFF, src[p + 1] & 0xFF, src[p + 2] & 0xFF);
        }
        return out;
    }

    /**
     * Sharpness: the variance of the 3x3 Laplacian ({@code [0 1 0; 1 -4 1; 0 1 0]}, OpenCV's
     * {@code Laplacian} with {@code ksize=1}) of the luma, over the interior pixels, in squared luma
     * units. About 0 for a flat or very blurred picture; a few hundred to a few thousand for a
     * focused natural photo at a few hundred pixels. 0 for frames narrower or shorter than 3 pixels.
     */
    public static double laplacianVariance(Frame frame) {
        return laplacianVariance(frame, null);
    }

    /** {@link #laplacianVariance(Frame)} using {@code lumaScratch} for the luma plane when it is big enough. */
    public static double laplacianVariance(Frame frame, byte[] lumaScratch) {
        byte[] y = luma(frame, lumaScratch);
        return laplacianVarianceOfLuma(y, frame.width(), frame.height());
    }

    /** Variance of the 3x3 Laplacian of a {@code w x h} luma plane (see {@link #laplacianVariance(Frame)}). */
    public static double laplacianVarianceOfLuma(byte[] y, int w, int h) {
        if (w < 3 || h < 3) {
            return 0.0;
        }
        long sum = 0;
        long sumSq = 0;
        for (int row = 1; row < h - 1; row++) {
            int o = row * w;
            for (int x = 1; x < w - 1; x++) {
                int i = o + x;
                int lap = (y[i - 1] & 0xFF) + (y[i + 1] & 0xFF) + (y[i - w] & 0xFF) + (y[i + w] & 0xFF)
                        - 4 * (y[i] & 0xFF);
                sum += lap;
                sumSq += (long) lap * lap;
            }
        }
        double count = (double) (w - 2) * (h - 2);
        double mean = sum / count;
        return Math.max(0.0, sumSq / count - mean * mean);
    }
}
