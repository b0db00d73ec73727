package dev.videoclass.ffmpeg.internal;

import static dev.videoclass.ffmpeg.internal.CodecContexts.ANALYSIS_LOOP_FILTER;
import static dev.videoclass.ffmpeg.internal.CodecContexts.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * The keyframe-only decoder: only packets flagged as key are decoded, each one on its own (decoder
 * flushed in between), so every key packet yields its frame even for HEVC open GOPs. Analysis
 * frames ({@link #next()}) come back sorted by timestamp through a small reorder window over pooled
 * pixel arrays.
 *
 * <p>Its decoder context is slice-threaded and opened on first use. Key pictures are decoded one at
 * a time, where frame threads cannot help; slice threads split one picture across cores when the
 * stream allows it (HEVC wavefronts, as x265 writes by default, or multiple slices): 0.53 s instead
 * of 0.80 s for the 24 key frames of a 1080p HEVC file on 2 cores. Owns that context;
 * {@link #close()} frees it. Not thread safe.
 */
final class KeyframeDecoder implements AutoCloseable {
    /** Key frames decoded ahead to hand them out in timestamp order. */
    private static final int WINDOW = 3;

    private final ProbedStream stream;
    private final PacketReader packets;
    private final FrameClock clock;
    private final AnalysisScaler scaler;
    private final Pictures pictures;
    private AVCodecContext codec;
    private final byte[][] windowRgb = new byte[WINDOW][];
    private final double[] windowPts = new double[WINDOW];
    private int windowSize;
    private byte[][] pool;
    private long decoded;

    KeyframeDecoder(ProbedStream stream, PacketReader packets, FrameClock clock, AnalysisScaler scaler,
                    Pictures pictures) {
        this.stream = stream;
        this.packets = packets;
        this.clock = clock;
        this.scaler = scaler;
        this.pictures = pictures;
    }

    private AVCodecContext context() throws VideoException {
        if (codec == null) {
            codec = CodecContexts.open(stream, CodecContexts.FF_THREAD_SLICE);
        }
        return codec;
    }

    /** The next key frame as an analysis frame, in timestamp order, or null at the end. */
    Frame next() throws VideoException {
        if (pool == null) {
            pool = new byte[WINDOW + 1][];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = scaler.newBuffer();
            }
        }
        while (windowSize < WINDOW && !packets.atEnd()) {
            if (!packets.read(true)) {
                packets.markEnd();
                break;
            }
            double pts = decodePacket();
            if (!Double.isNaN(pts)) {
                byte[] buf = freeBuffer();
                scaler.scaleInto(pictures.latest(), buf);
                windowRgb[windowSize] = buf;
                windowPts[windowSize] = pts;
                windowSize++;
            }
        }
        return windowSize == 0 ? null : handOutEarliest();
    }

    private Frame handOutEarliest() {
        int min = 0;
        for (int i = 1; i < windowSize; i++) {
            if (windowPts[i] < windowPts[min]) {
                min = i;
            }
        }
        byte[] rgb = windowRgb[min];
        double pts = windowPts[min];
        windowSize--;
        windowRgb[min] = windowRgb[windowSize];
        windowPts[min] = windowPts[windowSize];
        windowRgb[windowSize] = null;
        return scaler.handOut(rgb, pts); // not reused until the next call
    }

    private byte[] freeBuffer() {
        outer:
        for (byte[] b : pool) {
            if (scaler.isHandedOut(b)) {
                continue;
            }
            for (int i = 0; i < windowSize; i++) {
                if (windowRgb[i] == b) {
                    continue outer;
                }
            }
            return b;
        }
        throw new IllegalStateException("keyframe buffer pool exhausted");
    }

    /**
     * Decodes the key packet last read ({@link PacketReader#packet()}) on its own: send it, drain the
     * decoder, flush. Leaves the picture in {@link Pictures#latest()} and returns its timestamp, or
     * NaN when it yields no picture.
     */
    double decodePacket() throws VideoException {
        double pts = Double.NaN;
        AVCodecContext codec = context(); // never a null context into FFmpeg
        int s = avcodec.avcodec_send_packet(codec, packets.packet());
        avcodec.av_packet_unref(packets.packet());
        if (s >= 0 || s == AVERROR_EAGAIN) {
            avcodec.avcodec_send_packet(codec, null);
            AVFrame spare = pictures.held();
            avutil.av_frame_unref(spare);
            while (true) {
                int r = avcodec.avcodec_receive_frame(codec, spare);
                if (r == AVERROR_EOF || r == AVERROR_EAGAIN) {
                    break;
                }
                if (r < 0) {
                    continue;
                }
                decoded++;
                if (Double.isNaN(pts)) {
                    pts = clock.ptsOf(spare);
                    avutil.av_frame_unref(pictures.latest());
                    avutil.av_frame_move_ref(pictures.latest(), spare);
                } else {
                    avutil.av_frame_unref(spare);
                }
            }
        }
        avcodec.avcodec_flush_buffers(codec);
        return pts;
    }

    /** Drops the reorder window and anything in flight (after a seek). */
    void flush() {
        if (codec != null) {
            avcodec.avcodec_flush_buffers(codec);
        }
        windowSize = 0;
    }

    /**
     * Opens the decoder if needed and prepares it for single key packets with the given frame
     * skipping and in-loop filtering ({@code AVDISCARD_*}).
     */
    void prepare(int skipFrame, int loopFilter) throws VideoException {
        AVCodecContext c = context();
        avcodec.avcodec_flush_buffers(c);
        CodecContexts.configure(c, skipFrame, loopFilter);
    }

    /** Prepares the decoder for a keyframe-only pass: key pictures only, in-loop filters off. */
    void startAnalysis() throws VideoException {
        prepare(AVDISCARD_NONKEY, ANALYSIS_LOOP_FILTER);
    }

    /** Back to the settings of a keyframe-only pass, if the decoder is open. */
    void restoreAnalysisSettings() {
        if (codec != null) {
            CodecContexts.configure(codec, AVDISCARD_NONKEY, ANALYSIS_LOOP_FILTER);
        }
    }

    /** Pictures this decoder has produced. */
    long decoded() {
        return decoded;
    }

    @Override
    public void close() {
        codec = CodecContexts.free(codec);
    }
}
