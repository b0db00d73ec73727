package dev.videoclass.image;

import dev.videoclass.Frame;

import java.util.Objects;

/**
 * Pixel operations shared by the image path and the video path: resizing (Pillow-compatible
 * separable resampling) and rotation by quarter turns. All sizes are in pixels. Stateless and
 * thread safe; no method modifies its argument, and each returns a new frame unless it documents
 * that it may return the argument itself.
 */
public final class FrameOps {
    private FrameOps() {
    }

    /**
     * Scales {@code frame} down so that its long side is at most {@code maxSide} pixels, keeping the
     * aspect ratio (each side rounded to whole pixels, at least 1), with {@link #resize}. Returns the
     * frame itself (not a copy) when it already fits or {@code maxSide <= 0}; never scales up.
     *
     * @param maxSide the longest allowed side in pixels; 0 or less means no limit
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

    /**
     * Resizes to exactly {@code width} x {@code height} pixels with {@code filter}, giving the same
     * pixels as Pillow's {@code Image.resize((width, height), resample=filter, reducing_gap=None)}
     * on the same 8-bit RGB image (the call Hugging Face image processors make). The aspect ratio
     * is not kept. Convolution filters resample separably in Pillow's fixed-point arithmetic
     * (horizontal pass first, through an 8-bit intermediate); {@link ResampleFilter#NEAREST}
     * copies, for each output pixel, the source pixel under its centre as Pillow does. Same size
     * returns an identical copy. Stateless and thread safe; {@code frame} is left untouched and the
     * result keeps its timestamp and key-frame flag.
     *
     * @param width  target width in pixels, at least 1
     * @param height target height in pixels, at least 1
     * @throws IllegalArgumentException if a target dimension is not positive, or the result would
     *                                  not fit one array
     */
    public static Frame resize(Frame frame, int width, int height, ResampleFilter filter) {
        Objects.requireNonNull(filter, "filter");
        checkTargetSize(width, height);
        if (width == frame.width() && height == frame.height()) {
            return frame.copy();
        }
        byte[] out = filter == ResampleFilter.NEAREST
                ? PillowResample.nearest(frame.rgb(), frame.width(), frame.height(), width, height)
                : PillowResample.resample(frame.rgb(), frame.width(), frame.height(), width, height, filter);
        return new Frame(width, height, out, frame.ptsSeconds(), frame.isKeyframe());
    }

    /**
     * The same pixels as {@code crop(resize(frame, width, height, filter), left, top, cropWidth,
     * cropHeight)} — a resize followed by a crop, as image processors that resize the shortest edge
     * and then centre-crop do — but with a convolution filter only the kept region is computed
     * (each output pixel depends on its own filter taps only). Where the region overhangs the
     * resized frame it is black, as {@link #crop} pads. Stateless and thread safe.
     *
     * @throws IllegalArgumentException as {@link #resize} does, or if a crop dimension is not positive
     */
    public static Frame resizeAndCrop(Frame frame, int width, int height, ResampleFilter filter,
                                      int left, int top, int cropWidth, int cropHeight) {
        Objects.requireNonNull(filter, "filter");
        if (cropWidth <= 0 || cropHeight <= 0) {
            throw new IllegalArgumentException("crop size must be positive: " + cropWidth + "x" + cropHeight);
        }
        checkTargetSize(width, height);
        if (width == frame.width() && height == frame.height()) {
            return crop(frame, left, top, cropWidth, cropHeight); // no resize: the crop alone
        }
        boolean inside = left >= 0 && top >= 0 && left + cropWidth <= width && top + cropHeight <= height;
        if (!inside || filter == ResampleFilter.NEAREST) {
            return crop(resize(frame, width, height, filter), left, top, cropWidth, cropHeight);
        }
        byte[] out = PillowResample.resample(frame.rgb(), frame.width(), frame.height(), width, height, filter,
                left, top, cropWidth, cropHeight);
        return new Frame(cropWidth, cropHeight, out, frame.ptsSeconds(), frame.isKeyframe());
    }

    private static void checkTargetSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        if ((long) width * height * 3 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("target size too large for one pixel array: " + width + "x" + height);
        }
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

    /**
     * The {@code width} x {@code height} region whose top-left corner is at ({@code left}, {@code top})
     * in pixels; where the region overhangs the frame its pixels are black (zero), as Hugging Face's
     * centre crop pads. Returns the frame itself when the region is the whole frame.
     */
    public static Frame crop(Frame frame, int left, int top, int width, int height) {
        if (left == 0 && top == 0 && width == frame.width() && height == frame.height()) {
            return frame;
        }
        byte[] src = frame.rgb();
        byte[] out = new byte[width * height * 3];
        int x0 = Math.max(0, -left);
        int x1 = Math.min(width, frame.width() - left);
        for (int y = 0; y < height; y++) {
            int sy = y + top;
            if (sy >= 0 && sy < frame.height() && x1 > x0) {
                System.arraycopy(src, (sy * frame.width() + left + x0) * 3, out, (y * width + x0) * 3, (x1 - x0) * 3);
            }
        }
        return new Frame(width, height, out, frame.ptsSeconds(), frame.isKeyframe());
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
}
