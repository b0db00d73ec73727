package dev.videoclass.image;

import dev.videoclass.Frame;

/**
 * Pixel operations shared by the image path and the video path: resizing (Pillow-compatible
 * separable resampling) and rotation by quarter turns. Stateless and thread safe; every method
 * returns a new frame and leaves its argument untouched.
 */
public final class FrameOps {
    private FrameOps() {
    }

    /**
     * Scales {@code frame} down so that its long side is at most {@code maxSide} pixels, keeping the
     * aspect ratio (rounded to whole pixels, at least 1). Returns the frame itself when it already
     * fits; never scales up.
     */
    public static Frame fitLongSide(Frame frame, int maxSide, ResampleFilter filter) {
        int w = frame.width();
        int h = frame.height();
        if (maxSide <= 0 || Math.max(w, h) <= maxSide) {
            return frame;
        }
        double s = (double) maxSide / Math.max(w, h);
        int nw = Math.max(1, (int) Math.round(w * s));
        int nh = Math.max(1, (int) Math.round(h * s));
        return resize(frame, nw, nh, filter);
    }

    /** Resizes to exactly {@code width} x {@code height} with {@code filter} (separable, Pillow semantics). */
    public static Frame resize(Frame frame, int width, int height, ResampleFilter filter) {
        if (width == frame.width() && height == frame.height()) {
            return frame.copy();
        }
        // horizontal pass into a float buffer, then vertical pass to bytes
        int sw = frame.width();
        int sh = frame.height();
        Coefficients cx = Coefficients.of(sw, width, filter);
        Coefficients cy = Coefficients.of(sh, height, filter);
        byte[] src = frame.rgb();
        float[] tmp = new float[sh * width * 3];
        for (int y = 0; y < sh; y++) {
            int rowIn = y * sw * 3;
            int rowOut = y * width * 3;
            for (int x = 0; x < width; x++) {
                int first = cx.first[x];
                int n = cx.count[x];
                int wo = x * cx.stride;
                float r = 0, g = 0, b = 0;
                for (int k = 0; k < n; k++) {
                    float wk = cx.weights[wo + k];
                    int p = rowIn + (first + k) * 3;
                    r += wk * (src[p] & 0xFF);
                    g += wk * (src[p + 1] & 0xFF);
                    b += wk * (src[p + 2] & 0xFF);
                }
                int o = rowOut + x * 3;
                tmp[o] = r;
                tmp[o + 1] = g;
                tmp[o + 2] = b;
            }
        }
        byte[] out = new byte[width * height * 3];
        int rowLen = width * 3;
        for (int y = 0; y < height; y++) {
            int first = cy.first[y];
            int n = cy.count[y];
            int wo = y * cy.stride;
            int rowOut = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                float v = 0;
                for (int k = 0; k < n; k++) {
                    v += cy.weights[wo + k] * tmp[(first + k) * rowLen + i];
                }
                out[rowOut + i] = clampToByte(v);
            }
        }
        return new Frame(width, height, out, frame.ptsSeconds(), frame.isKeyframe());
    }

    /**
     * Rotates clockwise by {@code degrees} (0, 90, 180 or 270; other multiples of 90 are reduced).
     * Returns the frame itself for 0.
     */
    public static Frame rotateClockwise(Frame frame, int degrees) {
        int d = Math.floorMod(degrees, 360);
        if (d % 90 != 0) {
            throw new IllegalArgumentException("rotation must be a multiple of 90 degrees: " + degrees);
        }
        if (d == 0) {
            return frame;
        }
        int w = frame.width();
        int h = frame.height();
        int nw = d == 180 ? w : h;
        int nh = d == 180 ? h : w;
        byte[] src = frame.rgb();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int nx;
                int ny;
                switch (d) {
                    case 90 -> {
                        nx = h - 1 - y;
                        ny = x;
                    }
                    case 180 -> {
                        nx = w - 1 - x;
                        ny = h - 1 - y;
                    }
                    default -> { // 270
                        nx = y;
                        ny = w - 1 - x;
                    }
                }
                int s = (y * w + x) * 3;
                int o = (ny * nw + nx) * 3;
                out[o] = src[s];
                out[o + 1] = src[s + 1];
                out[o + 2] = src[s + 2];
            }
        }
        return new Frame(nw, nh, out, frame.ptsSeconds(), frame.isKeyframe());
    }

    /** Mirrors left to right (for mirrored EXIF orientations). */
    public static Frame mirrorHorizontally(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        byte[] src = frame.rgb();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            for (int x = 0; x < w; x++) {
                int s = row + x * 3;
                int o = row + (w - 1 - x) * 3;
                out[o] = src[s];
                out[o + 1] = src[s + 1];
                out[o + 2] = src[s + 2];
            }
        }
        return new Frame(w, h, out, frame.ptsSeconds(), frame.isKeyframe());
    }

    private static byte clampToByte(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }

    /** Precomputed filter taps for one axis, as in Pillow's ImagingResample. */
    private static final class Coefficients {
        final int[] first;
        final int[] count;
        final float[] weights;
        final int stride;

        private Coefficients(int[] first, int[] count, float[] weights, int stride) {
            this.first = first;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Coefficients of(int inSize, int outSize, ResampleFilter filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(1.0, scale);
            double support = filter.support() * filterScale;
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            float[] weights = new float[outSize * stride];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) * scale;
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5));
                int n = Math.min(xmax - xmin, stride);
                double total = 0;
                double[] w = new double[n];
                for (int k = 0; k < n; k++) {
                    w[k] = filter.weight((k + xmin - center + 0.5) / filterScale);
                    total += w[k];
                }
                for (int k = 0; k < n; k++) {
                    weights[i * stride + k] = (float) (total == 0 ? 0 : w[k] / total);
                }
                first[i] = xmin;
                count[i] = n;
            }
            return new Coefficients(first, count, weights, stride);
        }
    }
}
