package dev.videoclass.scene.internal;

import dev.videoclass.Frame;
import dev.videoclass.heuristic.ImageMeasures;

/**
 * Sharpness of analysed frames, the representative criterion: the variance of the 3x3 Laplacian of
 * the luma ({@link ImageMeasures#laplacianVariance}). Reuses one luma buffer; not thread safe.
 */
final class FrameSharpness {
    private byte[] luma;

    /** Sharpness of {@code f} (only read). */
    double of(Frame f) {
        luma = ImageMeasures.luma(f, luma);
        return ImageMeasures.laplacianVarianceOfLuma(luma, f.width(), f.height());
    }
}
