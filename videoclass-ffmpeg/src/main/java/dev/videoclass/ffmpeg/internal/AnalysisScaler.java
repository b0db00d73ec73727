package dev.videoclass.ffmpeg.internal;

import dev.videoclass.Frame;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;

/**
 * Analysis frames: decoded pictures converted by swscale straight from their pixel format to RGB24,
 * {@code width} pixels wide and as high as the display aspect ratio says (rounded to even, not
 * rotated). The pixel array of the frame handed out last is reused by the next one, as
 * {@link dev.videoclass.spi.FrameSource#next()} allows. Owns its native scaler; not thread safe.
 */
final class AnalysisScaler implements AutoCloseable {
    /** Two-tap bilinear, no antialiasing: like the INTER_LINEAR resize PySceneDetect applies, and the cheapest swscale path. */
    private static final int SWS_FLAGS = swscale.SWS_FAST_BILINEAR;

    private final int width;
    private final int height;
    private final RgbConverter converter = new RgbConverter(SWS_FLAGS);
    /** The pixel array of the frame handed out last. */
    private byte[] current;

    /** Frames {@code width} pixels wide for a stream displayed at {@code displayWidth x displayHeight}. */
    AnalysisScaler(int width, int displayWidth, int displayHeight) {
        this.width = width;
        this.height = Math.max(2, (int) Math.round(width * displayHeight / (double) displayWidth / 2.0) * 2);
        this.current = newBuffer();
    }

    /** A pixel array the size of one analysis frame. */
    byte[] newBuffer() {
        return new byte[width * height * 3];
    }

    /** Converts {@code picture} into the reused pixel array, unrefs it and hands it out as a frame. */
    Frame scale(AVFrame picture, double pts, boolean key) {
        Frame f = convert(picture, pts, key);
        avutil.av_frame_unref(picture);
        return f;
    }

    /** Converts {@code picture} into the reused pixel array and hands it out as a frame; the picture is kept. */
    Frame convert(AVFrame picture, double pts, boolean key) {
        converter.convert(picture, width, height, current);
        return new Frame(width, height, current, pts, key);
    }

    /** Converts {@code picture} into {@code rgb} (from {@link #newBuffer()}) and unrefs it. */
    void scaleInto(AVFrame picture, byte[] rgb) {
        converter.convert(picture, width, height, rgb);
        avutil.av_frame_unref(picture);
    }

    /** Hands out a key frame already converted into {@code rgb}, which becomes the reused array. */
    Frame handOut(byte[] rgb, double pts) {
        current = rgb;
        return new Frame(width, height, rgb, pts, true);
    }

    /** Whether {@code rgb} is the pixel array of the frame handed out last. */
    boolean isHandedOut(byte[] rgb) {
        return rgb == current;
    }

    @Override
    public void close() {
        converter.close();
    }
}
