package dev.videoclass.ffmpeg.internal;

import static dev.videoclass.ffmpeg.internal.CodecContexts.AV_FRAME_FLAG_KEY;

import dev.videoclass.Frame;
import dev.videoclass.image.FrameOps;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;

/**
 * Decoded pictures as upright, full-quality RGB frames: bicubic, accurately rounded, full-chroma
 * swscale to RGB24 at display aspect (the picture's own sample aspect ratio, else the stream's),
 * the long side capped on request, rotated upright, HDR tone-mapped to SDR ({@link ToneMapping}).
 * What {@link FrameCapture} makes of a file's keyframes and the live source of a stream's sampled
 * pictures, so that both are converted identically.
 *
 * <p>Each frame is a new pixel array owned by the caller; the picture is left as it is. Owns its
 * native converter and the tone mapping; {@link #close()} frees them. Not thread safe.
 */
final class UprightConverter implements AutoCloseable {
    private static final int SWS_FLAGS =
            swscale.SWS_BICUBIC | swscale.SWS_ACCURATE_RND | swscale.SWS_FULL_CHR_H_INT;

    private final ProbedStream stream;
    private final RgbConverter converter = new RgbConverter(SWS_FLAGS);
    private final ToneMapping toneMapping;

    UprightConverter(ProbedStream stream) {
        this.stream = stream;
        this.toneMapping = new ToneMapping(stream);
    }

    /**
     * {@code picture} (shown at {@code pts} seconds) as an upright RGB frame at display aspect with its
     * long side capped at {@code maxSide} pixels (0: no cap), tone-mapped when {@code toneMap} and HDR.
     */
    Frame convert(AVFrame picture, double pts, int maxSide, boolean toneMap) {
        boolean key = (picture.flags() & AV_FRAME_FLAG_KEY) != 0;
        double frameSar = stream.sar;
        AVRational fs = picture.sample_aspect_ratio();
        if (fs.num() > 0 && fs.den() > 0) {
            frameSar = fs.num() / (double) fs.den();
        }
        double dispW = picture.width() * frameSar;
        double dispH = picture.height();
        double scale = 1.0;
        if (maxSide > 0 && Math.max(dispW, dispH) > maxSide) {
            scale = maxSide / Math.max(dispW, dispH);
        }
        int w = Math.max(1, (int) Math.round(dispW * scale));
        int h = Math.max(1, (int) Math.round(dispH * scale));
        byte[] rgb = new byte[w * h * 3];
        AVFrame sdr = toneMap ? toneMapping.toSdr(picture) : null;
        converter.convert(sdr != null ? sdr : picture, w, h, rgb);
        if (sdr != null) {
            avutil.av_frame_unref(sdr);
        }
        return FrameOps.rotateClockwise(new Frame(w, h, rgb, pts, key), stream.rotation);
    }

    @Override
    public void close() {
        converter.close();
        toneMapping.close();
    }
}
