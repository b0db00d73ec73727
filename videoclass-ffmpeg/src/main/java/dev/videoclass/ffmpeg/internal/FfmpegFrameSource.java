package dev.videoclass.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BYTE;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import dev.videoclass.DecodeMode;
import dev.videoclass.DecodeOptions;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.FrameSource;
import dev.videoclass.PacketInfo;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInfo;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.image.FrameOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A video opened by {@link FfmpegVideoDecoder}: analysis frames, seeking between all-frame and
 * keyframe-only decoding, and full-quality upright capture.
 *
 * <p>Analysis frames ({@link #next()}) are converted by swscale directly from the decoded pixel
 * format to RGB24 at {@link DecodeOptions#analysisWidth()} pixels wide (height from the display
 * aspect ratio, rounded to even, not rotated); their pixel array is reused by the next call.
 * Timestamps are seconds from the video stream's start time (the first frame is at about 0).
 *
 * <p>In {@link DecodeMode#KEYFRAMES_ONLY} only packets flagged as key are decoded, each one on its
 * own (decoder flushed in between), so every key packet yields its frame even for HEVC open GOPs;
 * frames come back sorted by timestamp.
 *
 * <p>Every video packet the demuxer delivers, in any mode (also the non-key packets a keyframe-only
 * pass reads and drops, and those read for a capture), is logged once with its presentation time,
 * size and key flag ({@link #packetsRead()}), identified by its byte position (or decode timestamp)
 * so that a stretch read again after a seek is not logged twice.
 *
 * <p>A source is used by one thread at a time. {@link #close()} frees every native object, deletes
 * the spooled temp file of an upload, and may be called more than once.
 */
public final class FfmpegFrameSource implements FrameSource {

    /** Demuxers the decoder accepts (DESIGN section 9); everything else is refused. */
    static final String FORMAT_WHITELIST =
            "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,flv,asf,ogg,ivf,h264,hevc,m4v";

    private static final int AVERROR_EAGAIN = -11;
    private static final int FF_THREAD_FRAME = 1;
    private static final int FF_THREAD_SLICE = 2;
    /** libavutil/frame.h AV_FRAME_FLAG_KEY (a macro the bindings do not carry). */
    private static final int AV_FRAME_FLAG_KEY = 1 << 1;
    private static final int KEYFRAME_WINDOW = 3;
    /** Two-tap bilinear, no antialiasing: like the INTER_LINEAR resize PySceneDetect applies, and the cheapest swscale path. */
    private static final int ANALYSIS_SWS_FLAGS = swscale.SWS_FAST_BILINEAR;
    /**
     * Analysis frames skip the in-loop deblocking/SAO filters: a fifth to a third of H.264/HEVC
     * decoding time, invisible once a frame is averaged down to 256 px for scene detection. Captures
     * re-decode from a key frame with the filters on, so keyframes and posters are exact.
     */
    private static final int ANALYSIS_LOOP_FILTER = avcodec.AVDISCARD_ALL;
    private static final int CAPTURE_SWS_FLAGS =
            swscale.SWS_BICUBIC | swscale.SWS_ACCURATE_RND | swscale.SWS_FULL_CHR_H_INT;

    // One shared interrupt callback (JavaCPP limits callback instances); sources found by opaque address.
    private static final ConcurrentHashMap<Long, FfmpegFrameSource> INTERRUPTIBLE = new ConcurrentHashMap<>();
    private static final AVIOInterruptCB.Callback_Pointer INTERRUPT = new AVIOInterruptCB.Callback_Pointer() {
        @Override
        public int call(Pointer opaque) {
            try {
                FfmpegFrameSource s = opaque == null ? null : INTERRUPTIBLE.get(opaque.address());
                return s != null && s.shouldStop() ? 1 : 0;
            } catch (Throwable t) {
                return 0;
            }
        }
    };
    private static final AtomicLong OPEN_SOURCES = new AtomicLong();

    private final Path path;
    private final boolean deleteOnClose;
    private final long sizeBytes;
    private final DecodeOptions options;
    private final BooleanSupplier cancelled;
    private final long deadlineNanos;

    private AVFormatContext fmt;
    /** The decoder in use: {@link #streamCodec} or, in keyframe-only mode, {@link #keyCodec}. */
    private AVCodecContext codec;
    /** Frame-threaded decoder for whole stretches of the stream and for captures. */
    private AVCodecContext streamCodec;
    /**
     * Slice-threaded decoder for keyframe-only mode, opened on first use. Key pictures are decoded one
     * at a time, where frame threads cannot help; slice threads split one picture across cores when
     * the stream allows it (HEVC wavefronts, as x265 writes by default, or multiple slices):
     * 0.53 s instead of 0.80 s for the 24 key frames of a 1080p HEVC file on 2 cores.
     */
    private AVCodecContext keyCodec;
    private AVCodec decoderImpl;
    /** Whether key frames are captured from their packet alone (off only to test that path against the other). */
    private boolean keyPacketCaptures = true;
    private AVPacket pkt;
    private AVFrame frame;
    private AVFrame held;
    private LongPointer opaque;
    private RgbConverter analysisConv;
    private RgbConverter captureConv;
    /** Tone mapping of HDR captures, made on the first HDR picture captured. */
    private HdrToSdr hdrToSdr;
    private boolean toneMapping = true;
    /** Packets were demuxed ahead of the decoder ({@link #scanPackets}): next() needs a seek first. */
    private boolean scannedAhead;
    /** The stream's colour tags, for pictures that carry none (AVCOL_* values). */
    private int streamTransfer;
    private int streamPrimaries;
    private int streamMatrix;

    private int videoIndex;
    private AVRational timeBase;
    private double tb;
    private long startTs;
    private double frameRate;
    private double sar = 1.0;
    private int rotation;
    private VideoInfo info;
    private int analysisW;
    private int analysisH;

    private DecodeMode mode = DecodeMode.ALL_FRAMES;
    private boolean demuxEof;
    private boolean decoderDrained;
    private boolean heldPending;
    private long framesDecoded;
    private double lastPts = Double.NaN;
    private boolean closed;
    private final PacketLog packets = new PacketLog();

    private byte[] analysisRgb;
    // keyframe mode: small reorder window over pooled analysis buffers
    private final byte[][] windowRgb = new byte[KEYFRAME_WINDOW][];
    private final double[] windowPts = new double[KEYFRAME_WINDOW];
    private int windowSize;
    private byte[][] pool;

    private FfmpegFrameSource(Path path, boolean deleteOnClose, long sizeBytes, DecodeOptions options, long startNanos) {
        this.path = path;
        this.deleteOnClose = deleteOnClose;
        this.sizeBytes = sizeBytes;
        this.options = options;
        this.cancelled = options.cancelled();
        this.deadlineNanos = startNanos + options.limits().decodeTimeout().toNanos();
    }

    /**
     * Opens {@code path}, probes it, checks the limits and decodes the first frame (so an input without
     * a decodable frame fails here with {@link ErrorCode#NO_DECODABLE_FRAMES}). On failure everything
     * is released, including the temp file when {@code deleteOnClose}.
     */
    public static FfmpegFrameSource open(Path path, boolean deleteOnClose, long sizeBytes, DecodeOptions options,
                                  long startNanos) throws VideoException {
        FfmpegFrameSource s = new FfmpegFrameSource(path, deleteOnClose, sizeBytes, options, startNanos);
        try {
            s.openNative();
            return s;
        } catch (VideoException e) {
            s.close();
            throw e;
        } catch (Throwable t) {
            s.close();
            throw internal(t);
        }
    }

    static long openSources() {
        return OPEN_SOURCES.get();
    }

    private void openNative() throws VideoException {
        OPEN_SOURCES.incrementAndGet();
        checkpoint();
        fmt = avformat.avformat_alloc_context();
        if (fmt == null || fmt.isNull()) {
            throw new OutOfMemoryError("avformat_alloc_context");
        }
        opaque = new LongPointer(1);
        INTERRUPTIBLE.put(opaque.address(), this);
        AVIOInterruptCB cb = fmt.interrupt_callback();
        cb.callback(INTERRUPT);
        cb.opaque(opaque);

        AVDictionary dict = new AVDictionary(null);
        avutil.av_dict_set(dict, "protocol_whitelist", "file", 0);
        avutil.av_dict_set(dict, "format_whitelist", FORMAT_WHITELIST, 0);
        avutil.av_dict_set(dict, "enable_drefs", "0", 0);
        avutil.av_dict_set(dict, "use_absolute_path", "0", 0);
        int ret;
        try {
            ret = avformat.avformat_open_input(fmt, "file:" + path.toAbsolutePath(), null, dict);
        } finally {
            avutil.av_dict_free(dict);
        }
        if (ret < 0) {
            fmt = null; // freed by avformat_open_input on failure
            checkpoint();
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT,
                    "not a readable video in an accepted container (mp4/mov, mkv/webm, avi, mpeg-ts/ps, flv, asf, ogg, ivf): "
                            + avError(ret));
        }
        ret = avformat.avformat_find_stream_info(fmt, (PointerPointer<?>) null);
        checkpoint();
        if (ret < 0) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "cannot read stream information: " + avError(ret));
        }
        videoIndex = avformat.av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
        if (videoIndex < 0) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "no video stream in " + containerName());
        }
        AVStream st = fmt.streams(videoIndex);
        AVCodecParameters par = st.codecpar();
        AVCodec dec = findDecoder(par.codec_id());
        String codecName = avcodec.avcodec_get_name(par.codec_id()).getString();
        if (dec == null) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "no decoder for video codec " + codecName);
        }
        streamTransfer = par.color_trc();
        streamPrimaries = par.color_primaries();
        streamMatrix = par.color_space();
        timeBase = st.time_base();
        tb = avutil.av_q2d(timeBase);
        startTs = st.start_time() != AV_NOPTS_VALUE ? st.start_time() : 0;

        int codedW = par.width();
        int codedH = par.height();
        if (codedW <= 0 || codedH <= 0) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "video stream has no frame size");
        }
        if ((long) codedW * codedH > options.limits().maxPixels()) {
            throw new VideoException(ErrorCode.TOO_MANY_PIXELS, "frame size " + codedW + "x" + codedH
                    + " exceeds the limit of " + options.limits().maxPixels() + " pixels");
        }
        double duration = 0;
        if (fmt.duration() != AV_NOPTS_VALUE && fmt.duration() > 0) {
            duration = fmt.duration() / (double) AV_TIME_BASE;
        } else if (st.duration() != AV_NOPTS_VALUE && st.duration() > 0) {
            duration = seconds(st.duration());
        }
        if (duration > options.limits().maxDurationS()) {
            throw new VideoException(ErrorCode.TOO_LONG, String.format(java.util.Locale.ROOT,
                    "duration %.1f s exceeds the limit of %.1f s", duration, options.limits().maxDurationS()));
        }
        AVRational fr = st.avg_frame_rate();
        frameRate = fr.den() != 0 && fr.num() > 0 ? avutil.av_q2d(fr) : 0;
        if (frameRate <= 0 || frameRate > 1000) {
            AVRational r = st.r_frame_rate();
            frameRate = r.den() != 0 && r.num() > 0 ? avutil.av_q2d(r) : 0;
        }
        long frameCount = st.nb_frames() > 0 ? st.nb_frames() : Math.round(duration * frameRate);
        AVRational sarQ = avformat.av_guess_sample_aspect_ratio(fmt, st, null);
        if (sarQ.num() > 0 && sarQ.den() > 0) {
            sar = sarQ.num() / (double) sarQ.den();
        }
        rotation = rotationOf(par);
        int dispW = Math.max(1, (int) Math.round(codedW * sar));
        int dispH = codedH;
        boolean swap = rotation == 90 || rotation == 270;
        boolean audio = false;
        for (int i = 0; i < fmt.nb_streams(); i++) {
            if (fmt.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                audio = true;
            }
        }
        long bitRate = fmt.bit_rate() > 0 ? fmt.bit_rate() : Math.max(0, par.bit_rate());
        info = new VideoInfo(duration, frameRate, frameCount, containerName(), codecName,
                swap ? dispH : dispW, swap ? dispW : dispH, codedW, codedH, rotation, bitRate, audio, sizeBytes);

        analysisW = options.analysisWidth();
        analysisH = Math.max(2, (int) Math.round(analysisW * dispH / (double) dispW / 2.0) * 2);
        analysisRgb = new byte[analysisW * analysisH * 3];

        decoderImpl = dec;
        streamCodec = openDecoder(FF_THREAD_FRAME | FF_THREAD_SLICE);
        codec = streamCodec;
        for (int i = 0; i < fmt.nb_streams(); i++) {
            if (i != videoIndex) {
                fmt.streams(i).discard(avcodec.AVDISCARD_ALL);
            }
        }
        pkt = avcodec.av_packet_alloc();
        frame = avutil.av_frame_alloc();
        held = avutil.av_frame_alloc();
        analysisConv = new RgbConverter(ANALYSIS_SWS_FLAGS);
        captureConv = new RgbConverter(CAPTURE_SWS_FLAGS);

        // Probe-decode the first frame so that undecodable input fails early; next() returns it first.
        if (!decodeOne(frame)) {
            throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame of the " + codecName + " stream could be decoded");
        }
        avutil.av_frame_move_ref(held, frame);
        heldPending = true;
    }

    private static AVCodec findDecoder(int codecId) {
        if (codecId == AV_CODEC_ID_AV1) {
            // FFmpeg's native AV1 decoder needs a hardware accelerator; prefer the software ones.
            for (String name : new String[] {"libdav1d", "libaom-av1"}) {
                AVCodec c = avcodec.avcodec_find_decoder_by_name(name);
                if (c != null && !c.isNull()) {
                    return c;
                }
            }
        }
        AVCodec c = avcodec.avcodec_find_decoder(codecId);
        return c == null || c.isNull() ? null : c;
    }

    /** Clockwise degrees (0/90/180/270) that make frames upright, from the stream's display matrix. */
    private static int rotationOf(AVCodecParameters par) {
        AVPacketSideData sd = avcodec.av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.data() == null || sd.data().isNull() || sd.size() < 36) {
            return 0;
        }
        double ccw = avutil.av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(ccw)) {
            return 0;
        }
        // av_display_rotation_get: counter-clockwise rotation the matrix applies; we need clockwise.
        long cw = Math.round(-ccw / 90.0) * 90;
        return Math.floorMod(cw, 360);
    }

    private String containerName() {
        return fmt.iformat() != null && !fmt.iformat().isNull() ? fmt.iformat().name().getString() : "unknown";
    }

    @Override
    public VideoInfo info() {
        return info;
    }

    @Override
    public Frame next() throws VideoException {
        ensureOpen();
        if (scannedAhead) {
            throw new IllegalStateException("next() after scanPackets() needs a seek first");
        }
        try {
            if (mode == DecodeMode.KEYFRAMES_ONLY) {
                return nextKeyframe();
            }
            if (heldPending) {
                heldPending = false;
                return toAnalysis(held);
            }
            if (!decodeOne(frame)) {
                return null;
            }
            return toAnalysis(frame);
        } catch (VideoException e) {
            throw e;
        } catch (Throwable t) {
            throw internal(t);
        }
    }

    private Frame toAnalysis(AVFrame f) {
        double pts = ptsOf(f);
        boolean key = (f.flags() & AV_FRAME_FLAG_KEY) != 0;
        analysisConv.convert(f, analysisW, analysisH, analysisRgb);
        avutil.av_frame_unref(f);
        return new Frame(analysisW, analysisH, analysisRgb, pts, key);
    }

    /**
     * Decodes the next frame in presentation order into {@code out} (all-frame mode). Skips corrupt
     * packets. Returns false at the end of the stream.
     */
    private boolean decodeOne(AVFrame out) throws VideoException {
        int drainErrors = 0;
        while (true) {
            if (decoderDrained) {
                return false;
            }
            int r = avcodec.avcodec_receive_frame(codec, out);
            if (r >= 0) {
                framesDecoded++;
                return true;
            }
            if (r == AVERROR_EOF) {
                decoderDrained = true;
                return false;
            }
            // EAGAIN or a decoding error: feed more data
            if (demuxEof) {
                if (r != AVERROR_EAGAIN && ++drainErrors < 1000) {
                    continue; // an error while draining: keep draining
                }
                decoderDrained = true; // should not happen after a flush packet
                return false;
            }
            if (!readVideoPacket(false)) {
                demuxEof = true;
                avcodec.avcodec_send_packet(codec, null);
                continue;
            }
            int s = avcodec.avcodec_send_packet(codec, pkt);
            avcodec.av_packet_unref(pkt);
            if (s < 0 && s != AVERROR_EAGAIN) {
                continue; // corrupt packet: skip it
            }
        }
    }

    /**
     * Reads the next packet of the video stream (key packets only when {@code keyOnly}) into
     * {@link #pkt}. Checks cancellation and the deadline per packet. Returns false at the end of the
     * input or when the rest cannot be read.
     */
    private boolean readVideoPacket(boolean keyOnly) throws VideoException {
        int errors = 0;
        while (true) {
            checkpoint();
            int r = avformat.av_read_frame(fmt, pkt);
            if (r < 0) {
                checkpoint(); // an interrupted read ends here with the right code
                if (r == AVERROR_EOF || ++errors > 32) {
                    return false;
                }
                continue; // a damaged stretch: try to resynchronise
            }
            if (pkt.stream_index() == videoIndex) {
                boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                logPacket(key);
                if (!keyOnly || key) {
                    return true;
                }
            }
            avcodec.av_packet_unref(pkt);
        }
    }

    /** Logs the video packet in {@link #pkt} unless it was logged before (see the class comment). */
    private void logPacket(boolean key) {
        long pos = pkt.pos();
        long dts = pkt.dts();
        long pts = pkt.pts();
        long order;
        if (pos >= 0) {
            order = pos;
        } else if (dts != AV_NOPTS_VALUE) {
            order = dts;
        } else if (pts != AV_NOPTS_VALUE) {
            order = pts;
        } else {
            return; // nothing places it in the stream
        }
        double ptsS = pts != AV_NOPTS_VALUE ? seconds(pts - startTs) : Double.NaN;
        packets.record(order, ptsS, pkt.size(), key);
    }

    @Override
    public List<PacketInfo> packetsRead() {
        return packets.snapshot();
    }

    private Frame nextKeyframe() throws VideoException {
        if (pool == null) {
            pool = new byte[KEYFRAME_WINDOW + 1][];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = new byte[analysisW * analysisH * 3];
            }
        }
        while (windowSize < KEYFRAME_WINDOW && !demuxEof) {
            if (!readVideoPacket(true)) {
                demuxEof = true;
                break;
            }
            double pts = decodeKeyPacket();
            if (!Double.isNaN(pts)) {
                byte[] buf = freeBuffer();
                analysisConv.convert(frame, analysisW, analysisH, buf);
                avutil.av_frame_unref(frame);
                windowRgb[windowSize] = buf;
                windowPts[windowSize] = pts;
                windowSize++;
            }
        }
        if (windowSize == 0) {
            return null;
        }
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
        analysisRgb = rgb; // the buffer handed out; not reused until the next call
        return new Frame(analysisW, analysisH, rgb, pts, true);
    }

    private byte[] freeBuffer() {
        outer:
        for (byte[] b : pool) {
            if (b == analysisRgb) {
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
     * Decodes the key packet in {@link #pkt} on its own: send it, drain the decoder, flush. Leaves the
     * frame in {@link #frame} and returns its timestamp, or NaN when it yields no picture.
     */
    private double decodeKeyPacket() {
        double pts = Double.NaN;
        int s = avcodec.avcodec_send_packet(codec, pkt);
        avcodec.av_packet_unref(pkt);
        if (s >= 0 || s == AVERROR_EAGAIN) {
            avcodec.avcodec_send_packet(codec, null);
            AVFrame spare = held;
            avutil.av_frame_unref(spare);
            while (true) {
                int r = avcodec.avcodec_receive_frame(codec, spare);
                if (r == AVERROR_EOF || r == AVERROR_EAGAIN) {
                    break;
                }
                if (r < 0) {
                    continue;
                }
                framesDecoded++;
                if (Double.isNaN(pts)) {
                    pts = ptsOf(spare);
                    avutil.av_frame_unref(frame);
                    avutil.av_frame_move_ref(frame, spare);
                } else {
                    avutil.av_frame_unref(spare);
                }
            }
        }
        avcodec.avcodec_flush_buffers(codec);
        return pts;
    }

    private double ptsOf(AVFrame f) {
        long ts = f.best_effort_timestamp();
        if (ts == AV_NOPTS_VALUE) {
            ts = f.pts();
        }
        double pts;
        if (ts == AV_NOPTS_VALUE) {
            pts = Double.isNaN(lastPts) ? 0 : lastPts + (frameRate > 0 ? 1 / frameRate : 0.04);
        } else {
            pts = seconds(ts - startTs);
        }
        lastPts = pts;
        return pts;
    }

    /** A decoder context for the video stream with FFmpeg's own thread count and the given threading kinds. */
    private AVCodecContext openDecoder(int threadType) throws VideoException {
        AVCodecContext c = avcodec.avcodec_alloc_context3(decoderImpl);
        if (c == null || c.isNull()) {
            throw new OutOfMemoryError("avcodec_alloc_context3");
        }
        String name = decoderImpl.name().getString();
        int ret = avcodec.avcodec_parameters_to_context(c, fmt.streams(videoIndex).codecpar());
        if (ret >= 0) {
            c.pkt_timebase(timeBase);
            c.thread_count(0); // FFmpeg's own choice, as the ffmpeg tool makes it (cores + 1 frame threads)
            c.thread_type(threadType);
            c.skip_loop_filter(ANALYSIS_LOOP_FILTER);
            ret = avcodec.avcodec_open2(c, decoderImpl, (PointerPointer<?>) null);
        }
        if (ret < 0) {
            avcodec.avcodec_free_context(c);
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "cannot open the " + name + " decoder: " + avError(ret));
        }
        return c;
    }

    /** The decoder for {@code m}; the keyframe-only one is opened on first use. */
    private AVCodecContext decoderFor(DecodeMode m) throws VideoException {
        if (m != DecodeMode.KEYFRAMES_ONLY) {
            return streamCodec;
        }
        if (keyCodec == null) {
            keyCodec = openDecoder(FF_THREAD_SLICE);
        }
        return keyCodec;
    }

    @Override
    public void seek(double ptsSeconds, DecodeMode newMode) throws VideoException {
        ensureOpen();
        try {
            reposition(ptsSeconds);
            mode = newMode == null ? DecodeMode.ALL_FRAMES : newMode;
            codec = decoderFor(mode);
            avcodec.avcodec_flush_buffers(codec);
            codec.skip_frame(mode == DecodeMode.KEYFRAMES_ONLY ? AVDISCARD_NONKEY : AVDISCARD_DEFAULT);
            codec.skip_loop_filter(ANALYSIS_LOOP_FILTER);
        } catch (VideoException e) {
            throw e;
        } catch (Throwable t) {
            throw internal(t);
        }
    }

    private void reposition(double ptsSeconds) throws VideoException {
        checkpoint();
        long ts = startTs + (long) Math.floor(Math.max(0, ptsSeconds) / tb);
        int r = avformat.av_seek_frame(fmt, videoIndex, ts, AVSEEK_FLAG_BACKWARD);
        if (r < 0) {
            r = avformat.av_seek_frame(fmt, videoIndex, startTs, AVSEEK_FLAG_BACKWARD);
        }
        if (r < 0) {
            r = avformat.av_seek_frame(fmt, -1, 0, AVSEEK_FLAG_BYTE);
        }
        checkpoint();
        if (r < 0) {
            throw new VideoException(ErrorCode.INTERNAL, "cannot seek in this input: " + avError(r));
        }
        avcodec.avcodec_flush_buffers(codec);
        demuxEof = false;
        decoderDrained = false;
        scannedAhead = false;
        heldPending = false;
        windowSize = 0;
        lastPts = Double.NaN;
        avutil.av_frame_unref(held);
        avutil.av_frame_unref(frame);
    }

    @Override
    public Frame capture(double ptsSeconds, int maxSide) throws VideoException {
        ensureOpen();
        if (maxSide < 0) {
            throw new IllegalArgumentException("maxSide must be >= 0");
        }
        try {
            return doCapture(ptsSeconds, maxSide);
        } catch (VideoException e) {
            throw e;
        } catch (Throwable t) {
            throw internal(t);
        } finally {
            if (!closed) {
                streamCodec.skip_loop_filter(ANALYSIS_LOOP_FILTER);
                if (keyCodec != null) {
                    keyCodec.skip_loop_filter(ANALYSIS_LOOP_FILTER);
                    keyCodec.skip_frame(AVDISCARD_NONKEY);
                }
                codec = mode == DecodeMode.KEYFRAMES_ONLY && keyCodec != null ? keyCodec : streamCodec;
                codec.skip_frame(mode == DecodeMode.KEYFRAMES_ONLY ? AVDISCARD_NONKEY : AVDISCARD_DEFAULT);
            }
        }
    }

    private Frame doCapture(double target, int maxSide) throws VideoException {
        double half = 0.5 / (frameRate > 0 ? frameRate : 25);
        if (keyPacketCaptures && packets.hasKeyNear(target, half)) {
            Frame key = captureKeyFrame(target, half, maxSide);
            if (key != null) {
                return key;
            }
        }
        double limit = target + half;
        double seekPos = target;
        boolean found = false;
        double bestPts = Double.NaN;
        codec = streamCodec;
        for (int attempt = 0; ; attempt++) {
            reposition(seekPos);
            codec.skip_frame(AVDISCARD_DEFAULT);
            codec.skip_loop_filter(AVDISCARD_DEFAULT); // from the key frame on, every picture exact
            boolean first = true;
            found = false;
            boolean retry = false;
            while (decodeOne(frame)) {
                double t = ptsOf(frame);
                if (first && t > limit && seekPos > 0 && attempt < 4) {
                    // the demuxer landed after the target (key frame chosen by dts): start earlier
                    seekPos = Math.max(0, seekPos - (1 << attempt));
                    retry = true;
                    break;
                }
                if (first || t <= limit) {
                    avutil.av_frame_unref(held);
                    avutil.av_frame_move_ref(held, frame);
                    bestPts = t;
                    found = true;
                    first = false;
                    if (Math.abs(t - target) <= half || t > limit) {
                        break;
                    }
                } else {
                    avutil.av_frame_unref(frame);
                    break;
                }
            }
            if (!retry) {
                break;
            }
        }
        avutil.av_frame_unref(frame);
        if (!found) {
            throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame could be decoded at " + target + " s");
        }
        // the decoder state now belongs to the capture: next() continues from an unspecified position
        return toCapture(held, bestPts, maxSide);
    }

    /**
     * Converts a decoded picture to an owned, upright RGB frame at display aspect (its own sample
     * aspect ratio, else the stream's) with the long side capped at {@code maxSide} (0: no cap), and
     * releases the picture.
     */
    private Frame toCapture(AVFrame picture, double pts, int maxSide) {
        boolean key = (picture.flags() & AV_FRAME_FLAG_KEY) != 0;
        double frameSar = sar;
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
        AVFrame sdr = null;
        if (toneMapping && HdrToSdr.isHdr(picture, streamTransfer)) {
            if (hdrToSdr == null) {
                hdrToSdr = new HdrToSdr();
            }
            sdr = hdrToSdr.convert(picture, streamTransfer, streamPrimaries, streamMatrix);
        }
        captureConv.convert(sdr != null ? sdr : picture, w, h, rgb);
        if (sdr != null) {
            avutil.av_frame_unref(sdr);
        }
        avutil.av_frame_unref(picture);
        return FrameOps.rotateClockwise(new Frame(w, h, rgb, pts, key), rotation);
    }

    /** For tests: turns HDR tone mapping off, so that its effect can be measured. */
    void useToneMapping(boolean on) {
        toneMapping = on;
    }

    /** For tests: turns the key-packet capture path off, so both paths can be compared. */
    void useKeyPacketCaptures(boolean on) {
        keyPacketCaptures = on;
    }

    /**
     * Captures the key frame presented at {@code target} by decoding its packet alone on the
     * keyframe decoder (in-loop filters on, so the picture is exact): no GOP to decode and no
     * frame-thread latency. Returns null when the packet is not met right after the seek.
     */
    private Frame captureKeyFrame(double target, double half, int maxSide) throws VideoException {
        double pts = decodeKeyPacketAt(target, half, AVDISCARD_DEFAULT, AVDISCARD_DEFAULT);
        return Double.isNaN(pts) ? null : toCapture(frame, pts, maxSide);
    }

    /**
     * Seeks to the key packet presented at {@code target} (within {@code half}) and decodes it alone
     * on the keyframe decoder with the given frame skipping and in-loop filtering, leaving the
     * picture in {@link #frame}. Returns its timestamp, or NaN when that packet is not met right after
     * the seek or yields no picture.
     */
    private double decodeKeyPacketAt(double target, double half, int skipFrame, int loopFilter) throws VideoException {
        reposition(target);
        codec = decoderFor(DecodeMode.KEYFRAMES_ONLY);
        avcodec.avcodec_flush_buffers(codec);
        codec.skip_frame(skipFrame);
        codec.skip_loop_filter(loopFilter);
        for (int n = 0; n < 4 && readVideoPacket(true); n++) {
            double pts = decodeKeyPacket();
            if (Double.isNaN(pts)) {
                continue;
            }
            if (Math.abs(pts - target) <= half) {
                return pts;
            }
            avutil.av_frame_unref(frame);
            if (pts > target) {
                break;
            }
        }
        return Double.NaN;
    }

    /** Demuxes without decoding up to the first packet presented after {@code untilSeconds}; every packet read is logged. */
    @Override
    public boolean scanPackets(double untilSeconds) throws VideoException {
        ensureOpen();
        try {
            while (!demuxEof) {
                if (!readVideoPacket(false)) {
                    demuxEof = true;
                    break;
                }
                scannedAhead = true;
                long pts = pkt.pts();
                avcodec.av_packet_unref(pkt);
                if (pts != AV_NOPTS_VALUE && seconds(pts - startTs) > untilSeconds) {
                    break;
                }
            }
            return true;
        } catch (VideoException e) {
            throw e;
        } catch (Throwable t) {
            throw internal(t);
        }
    }

    /** Decodes the key packet presented at {@code ptsSeconds} alone, as the keyframe pass decodes it. */
    @Override
    public Frame keyframe(double ptsSeconds) throws VideoException {
        ensureOpen();
        try {
            double half = 0.5 / (frameRate > 0 ? frameRate : 25);
            // skipping non-key pictures as the keyframe pass does: a packet flagged key that the
            // decoder does not treat as one (an H.264 I slice without a recovery point) gives null here
            double pts = decodeKeyPacketAt(ptsSeconds, half, AVDISCARD_NONKEY, ANALYSIS_LOOP_FILTER);
            if (Double.isNaN(pts)) {
                return null;
            }
            analysisConv.convert(frame, analysisW, analysisH, analysisRgb);
            avutil.av_frame_unref(frame);
            return new Frame(analysisW, analysisH, analysisRgb, pts, true);
        } catch (VideoException e) {
            throw e;
        } catch (Throwable t) {
            throw internal(t);
        } finally {
            // the decoder in use is the keyframe one, set up as the keyframe pass leaves it
            if (!closed && keyCodec != null && codec == keyCodec) {
                mode = DecodeMode.KEYFRAMES_ONLY;
                keyCodec.skip_frame(AVDISCARD_NONKEY);
                keyCodec.skip_loop_filter(ANALYSIS_LOOP_FILTER);
            }
        }
    }

    /**
     * Stream ticks to seconds with a single rounding ({@code ticks * num / den}), so that 93 ticks of
     * 1/30 s read 3.1, not the 3.0999999999999996 that multiplying by a rounded {@code 1/30} gives.
     */
    private double seconds(long ticks) {
        return (double) ticks * timeBase.num() / timeBase.den();
    }

    @Override
    public long framesDecoded() {
        return framesDecoded;
    }

    private boolean shouldStop() {
        return closed || System.nanoTime() > deadlineNanos || cancelled.getAsBoolean();
    }

    private void checkpoint() throws VideoException {
        if (cancelled.getAsBoolean()) {
            throw new VideoException(ErrorCode.CANCELLED, "decoding was cancelled");
        }
        if (System.nanoTime() > deadlineNanos) {
            throw new VideoException(ErrorCode.TIMEOUT, "decoding took longer than "
                    + options.limits().decodeTimeout().toMillis() + " ms");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("frame source is closed");
        }
    }

    public static VideoException internal(Throwable t) {
        return new VideoException(ErrorCode.INTERNAL, "unexpected decoder failure: " + t, t);
    }

    static String avError(int err) {
        byte[] buf = new byte[128];
        avutil.av_strerror(err, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + err + ")";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (opaque != null) {
                INTERRUPTIBLE.remove(opaque.address());
            }
            if (analysisConv != null) {
                analysisConv.close();
            }
            if (captureConv != null) {
                captureConv.close();
            }
            if (hdrToSdr != null) {
                hdrToSdr.close();
            }
            if (frame != null) {
                avutil.av_frame_free(frame);
            }
            if (held != null) {
                avutil.av_frame_free(held);
            }
            if (pkt != null) {
                avcodec.av_packet_free(pkt);
            }
            if (streamCodec != null) {
                avcodec.avcodec_free_context(streamCodec);
            }
            if (keyCodec != null) {
                avcodec.avcodec_free_context(keyCodec);
            }
            if (fmt != null) {
                avformat.avformat_close_input(fmt);
            }
            if (opaque != null) {
                opaque.close();
            }
        } finally {
            analysisConv = null;
            captureConv = null;
            hdrToSdr = null;
            frame = null;
            held = null;
            pkt = null;
            codec = null;
            streamCodec = null;
            keyCodec = null;
            fmt = null;
            opaque = null;
            if (deleteOnClose) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: the temp directory is cleaned by the system
                }
            }
            OPEN_SOURCES.decrementAndGet();
        }
    }
}
