package dev.videoclass.ffmpeg.internal;

import static dev.videoclass.ffmpeg.internal.CodecContexts.ANALYSIS_LOOP_FILTER;
import static dev.videoclass.ffmpeg.internal.CodecContexts.AVERROR_EAGAIN;
import static dev.videoclass.ffmpeg.internal.CodecContexts.AV_FRAME_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * The all-frames decoder: every picture of the stream in presentation order, on one frame- and
 * slice-threaded decoder context. Gives analysis frames ({@link #next()}) and, for captures,
 * exact pictures ({@link #decodeInto}). Corrupt packets are skipped.
 *
 * <p>Analysis decoding leaves out the in-loop filters ({@link CodecContexts#ANALYSIS_LOOP_FILTER});
 * {@link #decodeExactly()} turns them on for a capture, {@link #restoreAnalysisSettings()} off
 * again. Owns its native decoder context; {@link #close()} frees it. Not thread safe.
 */
final class StreamDecoder implements AutoCloseable {
    /** Errors tolerated while draining the decoder at the end of the input. */
    private static final int MAX_DRAIN_ERRORS = 1000;

    private final PacketReader packets;
    private final FrameClock clock;
    private final AnalysisScaler scaler;
    private final Pictures pictures;
    private AVCodecContext codec;
    /** The decoder has returned its last picture. */
    private boolean drained;
    /** The probe's first picture waits in {@link Pictures#held()} for {@link #next()}. */
    private boolean firstPending;
    private long decoded;

    StreamDecoder(ProbedStream stream, PacketReader packets, FrameClock clock, AnalysisScaler scaler,
                  Pictures pictures) throws VideoException {
        this.packets = packets;
        this.clock = clock;
        this.scaler = scaler;
        this.pictures = pictures;
        this.codec = CodecContexts.open(stream, CodecContexts.FF_THREAD_FRAME | CodecContexts.FF_THREAD_SLICE);
    }

    /**
     * Decodes the first picture, so that an input without one fails early with
     * {@link ErrorCode#NO_DECODABLE_FRAMES}; {@link #next()} returns it first.
     */
    void decodeFirst(String codecName) throws VideoException {
        AVFrame latest = pictures.latest();
        if (!decodeInto(latest)) {
            throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame of the " + codecName + " stream could be decoded");
        }
        avutil.av_frame_move_ref(pictures.held(), latest);
        firstPending = true;
    }

    /** The next analysis frame, or null at the end of the stream. */
    Frame next() throws VideoException {
        if (firstPending) {
            firstPending = false;
            return toAnalysis(pictures.held());
        }
        AVFrame latest = pictures.latest();
        if (!decodeInto(latest)) {
            return null;
        }
        return toAnalysis(latest);
    }

    private Frame toAnalysis(AVFrame f) {
        double pts = clock.ptsOf(f);
        boolean key = (f.flags() & AV_FRAME_FLAG_KEY) != 0;
        return scaler.scale(f, pts, key);
    }

    /**
     * Decodes the next picture in presentation order into {@code out}. Skips corrupt packets.
     * Returns false at the end of the stream.
     */
    boolean decodeInto(AVFrame out) throws VideoException {
        int drainErrors = 0;
        while (true) {
            if (drained) {
                return false;
            }
            int r = avcodec.avcodec_receive_frame(codec, out);
            if (r >= 0) {
                decoded++;
                return true;
            }
            if (r == AVERROR_EOF) {
                drained = true;
                return false;
            }
            // EAGAIN or a decoding error: feed more data
            if (packets.atEnd()) {
                if (r != AVERROR_EAGAIN && ++drainErrors < MAX_DRAIN_ERRORS) {
                    continue; // an error while draining: keep draining
                }
                drained = true; // should not happen after a flush packet
                return false;
            }
            if (!packets.read(false)) {
                packets.markEnd();
                avcodec.avcodec_send_packet(codec, null);
                continue;
            }
            int s = avcodec.avcodec_send_packet(codec, packets.packet());
            avcodec.av_packet_unref(packets.packet());
            if (s < 0 && s != AVERROR_EAGAIN) {
                continue; // corrupt packet: skip it
            }
        }
    }

    /** Drops every picture in flight (after a seek); the first picture is no longer pending. */
    void flush() {
        avcodec.avcodec_flush_buffers(codec);
        drained = false;
        firstPending = false;
    }

    /** Decodes every picture with the in-loop filters on: exact pictures, for a capture. */
    void decodeExactly() {
        CodecContexts.configure(codec, AVDISCARD_DEFAULT, AVDISCARD_DEFAULT);
    }

    /** Back to analysis decoding: every picture, in-loop filters off. */
    void restoreAnalysisSettings() {
        CodecContexts.configure(codec, AVDISCARD_DEFAULT, ANALYSIS_LOOP_FILTER);
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
