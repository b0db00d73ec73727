package dev.videoclass.image;

/**
 * Resampling filters with Pillow's definitions, so that {@link FrameOps#resize} here gives the same
 * pixels as {@code PIL.Image.resize(size, resample=..., reducing_gap=None)} on 8-bit RGB, which is
 * what Hugging Face image processors call. Downscaling widens the filter by the scale factor
 * (antialiasing), as Pillow does.
 *
 * <p>The kernels are those of Pillow's {@code src/libImaging/Resample.c} (ported from commit
 * {@code 01f132fb086af790cbd67cfb0ad9aaac607ef567} of python-pillow/Pillow), including its quirks:
 * BOX is open on the left and closed on the right, LANCZOS is half-open on {@code [-3, 3)}, and
 * HAMMING uses the single-precision constants {@code 0.54f} and {@code 0.46f}. {@link #NEAREST} has
 * no kernel: Pillow resizes with it by point sampling (see {@link FrameOps#resize}).
 *
 * <p>Each constant carries Pillow's integer code ({@link #pillowCode()}), the value that a Hugging
 * Face {@code preprocessor_config.json} stores under {@code "resample"}.
 */
public enum ResampleFilter {
    /**
     * Nearest neighbour (Pillow NEAREST, code 0): each output pixel copies one source pixel, chosen
     * by point sampling at the output pixel's centre. Never produces a value absent from the source.
     */
    NEAREST(0, 0.0) {
        @Override
        double weight(double x) {
            throw new UnsupportedOperationException("NEAREST samples points; it has no convolution kernel");
        }
    },
    /** Lanczos window of 3 lobes (Pillow LANCZOS / ANTIALIAS, code 1): sharpest, may ring. Support 3. */
    LANCZOS(1, 3.0) {
        @Override
        double weight(double x) {
            // truncated sinc, half-open interval as in Pillow's lanczos_filter
            if (-3.0 <= x && x < 3.0) {
                return sinc(x) * sinc(x / 3);
            }
            return 0.0;
        }
    },
    /** Triangle filter (Pillow BILINEAR, code 2). Support 1. */
    BILINEAR(2, 1.0) {
        @Override
        double weight(double x) {
            if (x < 0.0) {
                x = -x;
            }
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    },
    /** Keys cubic convolution with a = -0.5 (Pillow BICUBIC, code 3). Support 2. */
    BICUBIC(3, 2.0) {
        @Override
        double weight(double x) {
            final double a = -0.5;
            if (x < 0.0) {
                x = -x;
            }
            if (x < 1.0) {
                return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
            }
            if (x < 2.0) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0.0;
        }
    },
    /** Area averaging (Pillow BOX, code 4): each source pixel counts by how much of it is covered. Support 0.5. */
    BOX(4, 0.5) {
        @Override
        double weight(double x) {
            return (x > -0.5 && x <= 0.5) ? 1.0 : 0.0;
        }
    },
    /** Hamming-windowed sinc (Pillow HAMMING, code 5): between BILINEAR and BICUBIC. Support 1. */
    HAMMING(5, 1.0) {
        @Override
        double weight(double x) {
            if (x < 0.0) {
                x = -x;
            }
            if (x == 0.0) {
                return 1.0;
            }
            if (x >= 1.0) {
                return 0.0;
            }
            x = x * Math.PI;
            // Pillow writes 0.54f + 0.46f * cos(x): float constants promoted to double
            return StrictMath.sin(x) / x * (0.54f + 0.46f * StrictMath.cos(x));
        }
    };

    private static final ResampleFilter[] BY_CODE = {NEAREST, LANCZOS, BILINEAR, BICUBIC, BOX, HAMMING};

    private final int pillowCode;
    private final double support;

    ResampleFilter(int pillowCode, double support) {
        this.pillowCode = pillowCode;
        this.support = support;
    }

    /**
     * The filter for one of Pillow's integer resampling codes, as a Hugging Face
     * {@code preprocessor_config.json} stores it under {@code "resample"}: 0 NEAREST, 1 LANCZOS,
     * 2 BILINEAR, 3 BICUBIC, 4 BOX, 5 HAMMING.
     *
     * @throws IllegalArgumentException for any other code
     */
    public static ResampleFilter fromPillowCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown Pillow resample code " + code
                    + " (expected 0 NEAREST, 1 LANCZOS, 2 BILINEAR, 3 BICUBIC, 4 BOX or 5 HAMMING)");
        }
        return BY_CODE[code];
    }

    /** Pillow's integer code for this filter ({@code PIL.Image.Resampling.<NAME>.value}); inverse of {@link #fromPillowCode}. */
    public int pillowCode() {
        return pillowCode;
    }

    /**
     * Half-width of the kernel in source pixels at scale 1 (when downscaling by a factor s the
     * kernel is stretched to {@code s * support()}). 0 for {@link #NEAREST}, which has no kernel.
     */
    public double support() {
        return support;
    }

    /** The kernel at {@code x} (distance in filter units; Pillow's {@code filter(x)}). Not defined for NEAREST. */
    abstract double weight(double x);

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        return StrictMath.sin(x) / x;
    }
}
