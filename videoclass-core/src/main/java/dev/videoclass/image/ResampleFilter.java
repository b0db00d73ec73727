package dev.videoclass.image;

/**
 * Resampling filters with Pillow's definitions, so that a resize here matches what a Hugging Face
 * image processor (which resizes with Pillow) does to the same pixels. Downscaling widens the filter
 * by the scale factor (antialiasing), as Pillow does.
 */
public enum ResampleFilter {
    /** Area averaging (Pillow BOX). */
    BOX(0.5) {
        @Override
        double weight(double x) {
            return (x > -0.5 && x <= 0.5) ? 1.0 : 0.0;
        }
    },
    /** Triangle filter (Pillow BILINEAR). */
    BILINEAR(1.0) {
        @Override
        double weight(double x) {
            x = Math.abs(x);
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    },
    /** Keys cubic with a = -0.5 (Pillow BICUBIC). */
    BICUBIC(2.0) {
        @Override
        double weight(double x) {
            final double a = -0.5;
            x = Math.abs(x);
            if (x < 1.0) {
                return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
            }
            if (x < 2.0) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0.0;
        }
    };

    private final double support;

    ResampleFilter(double support) {
        this.support = support;
    }

    /** Half-width of the filter in source pixels at scale 1. */
    public double support() {
        return support;
    }

    abstract double weight(double x);
}
