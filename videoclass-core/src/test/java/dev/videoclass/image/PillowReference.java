package dev.videoclass.image;

/**
 * A slow, literal reference for Pillow's {@code Image.resize} on 8-bit RGB, written independently of
 * the production code to check it. Pixels are held as {@code int[y][x][band]}; every output pixel is
 * computed on its own from the formulas of Pillow's {@code Resample.c} / {@code Geometry.c}:
 *
 * <ul>
 *   <li>weights in double: {@code center = (i + 0.5) * scale}, window
 *       {@code [(int)(center - support + 0.5), (int)(center + support + 0.5))} clipped to the image,
 *       kernel at {@code (j - center + 0.5) / filterscale}, divided by their sum;</li>
 *   <li>each weight to fixed point with 22 fractional bits, rounding half away from zero;</li>
 *   <li>sum in 64-bit integers starting from {@code 2^21}, then floor-divide by {@code 2^22} and
 *       clamp to 0..255;</li>
 *   <li>horizontal pass over every row first (only if the width changes), then the vertical pass
 *       (only if the height changes);</li>
 *   <li>NEAREST: sample position starting at half a step, advanced by repeated addition, truncated.</li>
 * </ul>
 */
final class PillowReference {
    private static final long ONE = 1L << 22;

    private PillowReference() {
    }

    /** Kernels as Pillow defines them (Resample.c), keyed by Pillow code. */
    static double kernel(int pillowCode, double x) {
        switch (pillowCode) {
            case 4: // BOX
                return x > -0.5 && x <= 0.5 ? 1 : 0;
            case 2: // BILINEAR
                return Math.abs(x) < 1 ? 1 - Math.abs(x) : 0;
            case 5: { // HAMMING
                double a = Math.abs(x);
                if (a == 0) {
                    return 1;
                }
                if (a >= 1) {
                    return 0;
                }
                a *= Math.PI;
                return StrictMath.sin(a) / a * ((double) 0.54f + (double) 0.46f * StrictMath.cos(a));
            }
            case 3: { // BICUBIC, a = -0.5
                double a = Math.abs(x);
                if (a < 1) {
                    return (1.5 * a - 2.5) * a * a + 1;
                }
                if (a < 2) {
                    return (((a - 5) * a + 8) * a - 4) * -0.5;
                }
                return 0;
            }
            case 1: // LANCZOS
                return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0;
            default:
                throw new IllegalArgumentException("no kernel for code " + pillowCode);
        }
    }

    static double support(int pillowCode) {
        switch (pillowCode) {
            case 4:
                return 0.5;
            case 2:
            case 5:
                return 1;
            case 3:
                return 2;
            case 1:
                return 3;
            default:
                throw new IllegalArgumentException("no kernel for code " + pillowCode);
        }
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        return StrictMath.sin(x * Math.PI) / (x * Math.PI);
    }

    /** Pillow's resize of packed RGB {@code inW x inH} to {@code outW x outH}; packed RGB out. */
    static byte[] resize(byte[] rgb, int inW, int inH, int outW, int outH, int pillowCode) {
        int[][][] img = unpack(rgb, inW, inH);
        if (inW == outW && inH == outH) {
            return pack(img);
        }
        if (pillowCode == 0) {
            return pack(nearest(img, outW, outH));
        }
        if (outW != inW) {
            img = horizontal(img, outW, pillowCode);
        }
        if (outH != inH) {
            img = transpose(horizontal(transpose(img), outH, pillowCode));
        }
        return pack(img);
    }

    /** Resamples every row to {@code outW} pixels. */
    private static int[][][] horizontal(int[][][] img, int outW, int code) {
        int inW = img[0].length;
        int[][][] out = new int[img.length][outW][3];
        for (int x = 0; x < outW; x++) {
            long[] w = fixedWeights(inW, outW, x, code);
            int lo = firstSource(inW, outW, x, code);
            for (int y = 0; y < img.length; y++) {
                for (int b = 0; b < 3; b++) {
                    long sum = ONE / 2;
                    for (int j = 0; j < w.length; j++) {
                        sum += w[j] * img[y][lo + j][b];
                    }
                    long v = Math.floorDiv(sum, ONE);
                    out[y][x][b] = (int) Math.max(0, Math.min(255, v));
                }
            }
        }
        return out;
    }

    private static double scale(int inSize, int outSize) {
        return (double) inSize / outSize;
    }

    private static int firstSource(int inSize, int outSize, int i, int code) {
        double scale = scale(inSize, outSize);
        double support = support(code) * Math.max(1, scale);
        double center = (i + 0.5) * scale;
        return Math.max(0, (int) (center - support + 0.5));
    }

    /** The fixed-point weights of output pixel {@code i}, for source pixels from {@link #firstSource}. */
    private static long[] fixedWeights(int inSize, int outSize, int i, int code) {
        double scale = scale(inSize, outSize);
        double filterscale = Math.max(1, scale);
        double support = support(code) * filterscale;
        double center = (i + 0.5) * scale;
        int lo = Math.max(0, (int) (center - support + 0.5));
        int hi = Math.min(inSize, (int) (center + support + 0.5));
        double[] w = new double[hi - lo];
        double total = 0;
        for (int j = 0; j < w.length; j++) {
            w[j] = kernel(code, (lo + j - center + 0.5) * (1.0 / filterscale));
            total += w[j];
        }
        long[] fixed = new long[w.length];
        for (int j = 0; j < w.length; j++) {
            double normalised = total != 0 ? w[j] / total : w[j];
            double scaled = normalised * ONE;
            // round half away from zero, then truncate: Pillow's normalize_coeffs_8bpc
            fixed[j] = (long) (scaled < 0 ? scaled - 0.5 : scaled + 0.5);
        }
        return fixed;
    }

    /** Pillow's NEAREST resize (ImagingScaleAffine), pixels outside the source left black. */
    private static int[][][] nearest(int[][][] img, int outW, int outH) {
        int inH = img.length;
        int inW = img[0].length;
        double stepX = (double) inW / outW;
        double stepY = (double) inH / outH;
        int[] sx = new int[outW];
        double pos = stepX * 0.5;
        for (int x = 0; x < outW; x++) {
            sx[x] = pos < 0 ? -1 : (int) pos;
            pos += stepX;
        }
        int[][][] out = new int[outH][outW][3];
        pos = stepY * 0.5;
        for (int y = 0; y < outH; y++) {
            int sy = pos < 0 ? -1 : (int) pos;
            pos += stepY;
            for (int x = 0; x < outW; x++) {
                if (sy >= 0 && sy < inH && sx[x] >= 0 && sx[x] < inW) {
                    out[y][x] = img[sy][sx[x]].clone();
                }
            }
        }
        return out;
    }

    private static int[][][] transpose(int[][][] img) {
        int h = img.length;
        int w = img[0].length;
        int[][][] t = new int[w][h][];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                t[x][y] = img[y][x];
            }
        }
        return t;
    }

    static int[][][] unpack(byte[] rgb, int w, int h) {
        int[][][] img = new int[h][w][3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < 3; b++) {
                    img[y][x][b] = rgb[(y * w + x) * 3 + b] & 0xFF;
                }
            }
        }
        return img;
    }

    static byte[] pack(int[][][] img) {
        int h = img.length;
        int w = img[0].length;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < 3; b++) {
                    rgb[(y * w + x) * 3 + b] = (byte) img[y][x][b];
                }
            }
        }
        return rgb;
    }
}
