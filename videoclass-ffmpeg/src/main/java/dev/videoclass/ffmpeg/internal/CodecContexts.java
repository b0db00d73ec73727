package dev.videoclass.ffmpeg.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Opens decoder contexts for a probed stream, and the decoding constants both decoders share.
 * Stateless; the caller owns each context it gets and frees it with {@code avcodec_free_context}.
 */
final class CodecContexts {
    /** FFmpeg's {@code EAGAIN} as an error code (Linux): the decoder wants input, or has output. */
    static final int AVERROR_EAGAIN = -11;
    /** Threading kinds ({@code FF_THREAD_*} of avcodec.h). */
    static final int FF_THREAD_FRAME = 1;
    static final int FF_THREAD_SLICE = 2;
    /** libavutil/frame.h {@code AV_FRAME_FLAG_KEY} (a macro the bindings do not carry). */
    static final int AV_FRAME_FLAG_KEY = 1 << 1;
    /**
     * Analysis frames skip the in-loop deblocking/SAO filters: a fifth to a third of H.264/HEVC
     * decoding time, invisible once a frame is averaged down to 256 px for scene detection. Captures
     * re-decode from a key frame with the filters on, so keyframes and posters are exact.
     */
    static final int ANALYSIS_LOOP_FILTER = avcodec.AVDISCARD_ALL;

    private CodecContexts() {
    }

    /**
     * A decoder context for {@code stream} with FFmpeg's own thread count, the given threading kinds
     * ({@link #FF_THREAD_FRAME}, {@link #FF_THREAD_SLICE}) and the analysis loop filtering.
     */
    static AVCodecContext open(ProbedStream stream, int threadType) throws VideoException {
        AVCodecContext c = avcodec.avcodec_alloc_context3(stream.decoder);
        if (c == null || c.isNull()) {
            throw new OutOfMemoryError("avcodec_alloc_context3");
        }
        String name = stream.decoder.name().getString();
        int ret = avcodec.avcodec_parameters_to_context(c, stream.codecpar);
        if (ret >= 0) {
            c.pkt_timebase(stream.timeBase);
            c.thread_count(0); // FFmpeg's own choice, as the ffmpeg tool makes it (cores + 1 frame threads)
            c.thread_type(threadType);
            c.skip_loop_filter(ANALYSIS_LOOP_FILTER);
            ret = avcodec.avcodec_open2(c, stream.decoder, (PointerPointer<?>) null);
        }
        if (ret < 0) {
            avcodec.avcodec_free_context(c);
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "cannot open the " + name + " decoder: "
                    + NativeCalls.avError(ret));
        }
        return c;
    }

    /** Sets which pictures {@code c} decodes and whether with in-loop filters ({@code AVDISCARD_*} values). */
    static void configure(AVCodecContext c, int skipFrame, int loopFilter) {
        c.skip_frame(skipFrame);
        c.skip_loop_filter(loopFilter);
    }

    /** Frees {@code c} if there is one; returns null, for the caller's field. */
    static AVCodecContext free(AVCodecContext c) {
        if (c != null) {
            avcodec.avcodec_free_context(c);
        }
        return null;
    }
}
