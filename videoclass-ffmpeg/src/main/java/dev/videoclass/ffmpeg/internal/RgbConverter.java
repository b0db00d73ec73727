package dev.videoclass.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_FCC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded frames straight from their pixel format to packed RGB24 at a chosen size with one
 * swscale pass, applying the frame's YUV matrix (BT.601/BT.709/...) and range (limited/full).
 * Reuses its scaler context and native output buffer between calls. Not thread safe.
 */
final class RgbConverter implements AutoCloseable {
    private final int flags;
    private SwsContext sws;
    private int srcW = -1;
    private int srcH = -1;
    private int srcFmt = -1;
    private int dstW = -1;
    private int dstH = -1;
    private int colorspace = -1;
    private int fullRange = -1;
    private BytePointer out;
    private long outCapacity;
    private int outStride;
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
    private final IntPointer dstStride = new IntPointer(4);

    RgbConverter(int swsFlags) {
        this.flags = swsFlags;
    }

    /**
     * Scales {@code frame} to {@code w x h} RGB24 into {@code dst} (at least {@code w*h*3} long).
     */
    void convert(AVFrame frame, int w, int h, byte[] dst) {
        int fw = frame.width();
        int fh = frame.height();
        int fmt = frame.format();
        boolean changed = sws == null || fw != srcW || fh != srcH || fmt != srcFmt || w != dstW || h != dstH;
        if (changed) {
            sws = swscale.sws_getCachedContext(sws, fw, fh, fmt, w, h, AV_PIX_FMT_RGB24, flags,
                    null, null, (DoublePointer) null);
            if (sws == null || sws.isNull()) {
                sws = null;
                throw new IllegalStateException("swscale cannot convert pixel format " + fmt + " " + fw + "x" + fh);
            }
            srcW = fw;
            srcH = fh;
            srcFmt = fmt;
            dstW = w;
            dstH = h;
            colorspace = -1;
            fullRange = -1;
            ensureOutput(w, h);
        }
        applyColourDetails(frame, fmt, fw, fh);
        swscale.sws_scale(sws, frame.data(), frame.linesize(), 0, fh, dstData, dstStride);
        int row = w * 3;
        if (outStride == row) {
            out.position(0).get(dst, 0, row * h);
        } else {
            for (int y = 0; y < h; y++) {
                out.position((long) y * outStride).get(dst, y * row, row);
            }
            out.position(0);
        }
    }

    private void ensureOutput(int w, int h) {
        int stride = (w * 3 + 63) & ~63;
        long need = (long) stride * h + 64;
        if (out == null || outCapacity < need) {
            if (out != null) {
                avutil.av_free(out);
            }
            out = new BytePointer(avutil.av_malloc(need)).capacity(need);
            if (out.isNull()) {
                throw new OutOfMemoryError("av_malloc(" + need + ")");
            }
            outCapacity = need;
        }
        outStride = stride;
        dstData.put(0, out);
        dstStride.put(0, stride);
    }

    private void applyColourDetails(AVFrame frame, int fmt, int fw, int fh) {
        AVPixFmtDescriptor desc = avutil.av_pix_fmt_desc_get(fmt);
        if (desc == null || desc.isNull() || (desc.flags() & AV_PIX_FMT_FLAG_RGB) != 0) {
            return;
        }
        int cs = swsColorspace(frame.colorspace(), fw, fh);
        int range = frame.color_range() == AVCOL_RANGE_JPEG || isYuvj(fmt) ? 1 : 0;
        if (cs == colorspace && range == fullRange) {
            return;
        }
        IntPointer src = swscale.sws_getCoefficients(cs);
        IntPointer rgb = swscale.sws_getCoefficients(swscale.SWS_CS_DEFAULT);
        swscale.sws_setColorspaceDetails(sws, src, range, rgb, 1, 0, 1 << 16, 1 << 16);
        colorspace = cs;
        fullRange = range;
    }

    /**
     * The swscale matrix for an FFmpeg colour space. Unspecified: BT.709 for HD sizes, BT.601 for
     * SD, the convention players and browsers follow.
     */
    static int swsColorspace(int avcolSpc, int w, int h) {
        if (avcolSpc == AVCOL_SPC_BT709) {
            return swscale.SWS_CS_ITU709;
        } else if (avcolSpc == AVCOL_SPC_BT470BG || avcolSpc == AVCOL_SPC_SMPTE170M) {
            return swscale.SWS_CS_ITU601;
        } else if (avcolSpc == AVCOL_SPC_FCC) {
            return swscale.SWS_CS_FCC;
        } else if (avcolSpc == AVCOL_SPC_SMPTE240M) {
            return swscale.SWS_CS_SMPTE240M;
        } else if (avcolSpc == AVCOL_SPC_BT2020_NCL || avcolSpc == AVCOL_SPC_BT2020_CL) {
            return swscale.SWS_CS_BT2020;
        }
        return (w >= 1280 || h >= 720) ? swscale.SWS_CS_ITU709 : swscale.SWS_CS_ITU601;
    }

    private static boolean isYuvj(int fmt) {
        return fmt == AV_PIX_FMT_YUVJ420P || fmt == AV_PIX_FMT_YUVJ422P || fmt == AV_PIX_FMT_YUVJ444P
                || fmt == AV_PIX_FMT_YUVJ440P || fmt == AV_PIX_FMT_YUVJ411P;
    }

    @Override
    public void close() {
        if (sws != null) {
            swscale.sws_freeContext(sws);
            sws = null;
        }
        if (out != null) {
            avutil.av_free(out);
            out = null;
        }
        dstData.close();
        dstStride.close();
    }
}
