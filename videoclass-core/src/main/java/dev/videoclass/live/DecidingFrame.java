package dev.videoclass.live;

/**
 * The frame that decides a window (the one with the highest explicit score) as a small upright JPEG.
 * The array is not copied: do not modify it.
 *
 * @param ptsS   its stream timestamp, seconds
 * @param jpeg   the JPEG, at most {@link LiveSettings#thumbnailMaxSide()} pixels on its long side;
 *               null when thumbnails are off
 * @param width  the JPEG's width in pixels (0 without one)
 * @param height the JPEG's height in pixels (0 without one)
 */
public record DecidingFrame(double ptsS, byte[] jpeg, int width, int height) {
}
