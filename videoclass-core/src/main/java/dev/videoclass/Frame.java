package dev.videoclass;

import dev.videoclass.spi.FrameSource;
import java.util.Arrays;
import java.util.Objects;

/**
 * An image as packed 8-bit RGB (row-major, 3 bytes per pixel, no row padding) with its
 * presentation time in seconds. Pixel values are full-range sRGB as a photo viewer would show them.
 *
 * <p>The pixel array is exposed without copying for speed. Frames returned by
 * {@link FrameSource#next()} may share their array with the source and are valid only until the next
 * call; use {@link #copy()} to keep one. Frames from {@link FrameSource#capture} are owned by the
 * caller. Not thread safe while the array is being written.
 */
public final class Frame {
    private final int width;
    private final int height;
    private final byte[] rgb;
    private final double ptsSeconds;
    private final boolean keyframe;

    /** A frame that is not known to be a coded key frame. */
    public Frame(int width, int height, byte[] rgb, double ptsSeconds) {
        this(width, height, rgb, ptsSeconds, false);
    }

    /**
     * @param keyframe whether the picture was coded as a key (intra, random-access) frame: such
     *                 frames are the cheapest to capture again and usually the best-coded ones
     */
    public Frame(int width, int height, byte[] rgb, double ptsSeconds, boolean keyframe) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length < width * height * 3) {
            throw new IllegalArgumentException("rgb array too small for " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.ptsSeconds = ptsSeconds;
        this.keyframe = keyframe;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Packed RGB bytes, {@code width*height*3} long (may be longer for a reused buffer). */
    public byte[] rgb() {
        return rgb;
    }

    /** Presentation time in seconds from the start of the video (0 for a still image). */
    public double ptsSeconds() {
        return ptsSeconds;
    }

    /** Whether the decoder reported this picture as a coded key frame (false when unknown, e.g. photos). */
    public boolean isKeyframe() {
        return keyframe;
    }

    /** Number of pixels. */
    public int pixelCount() {
        return width * height;
    }

    /** A deep copy that owns its pixel array. */
    public Frame copy() {
        return new Frame(width, height, Arrays.copyOf(rgb, width * height * 3), ptsSeconds, keyframe);
    }

    /** The same pixels with another timestamp (array shared). */
    public Frame withPts(double pts) {
        return new Frame(width, height, rgb, pts, keyframe);
    }

    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + " @" + ptsSeconds + "s]";
    }
}
