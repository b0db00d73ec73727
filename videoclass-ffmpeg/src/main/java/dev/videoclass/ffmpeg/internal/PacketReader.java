package dev.videoclass.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BYTE;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import dev.videoclass.ErrorCode;
import dev.videoclass.spi.PacketInfo;
import dev.videoclass.VideoException;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;

/**
 * The demuxer's side of a source: reads the video stream's packets (checking cancellation and the
 * deadline before each), seeks, scans ahead without decoding, and logs every video packet it
 * delivers once in a {@link PacketLog} (also the non-key packets a keyframe-only pass reads and
 * drops) with its picture type ({@link PictureTypes}), identified by its byte position (or decode
 * timestamp) so that a stretch read again after a seek is not logged twice.
 *
 * <p>Owns one native {@link AVPacket}, which holds the packet last read until its reader unrefs it,
 * and the picture-type parser; {@link #close()} frees both. Used by one thread at a time.
 */
final class PacketReader implements AutoCloseable {
    /** Read errors in a row after which the rest of the input counts as unreadable. */
    private static final int MAX_READ_ERRORS = 32;

    private final AVFormatContext fmt;
    private final ProbedStream stream;
    private final LimitGuard limits;
    private final PacketLog log = new PacketLog();
    private final PictureTypes types; // null without the packet log
    private final boolean logging;
    private AVPacket pkt;
    /** The demuxer has nothing more to give (set by the reader that met the end). */
    private boolean atEnd;
    /** Why the last {@link #read} returned false: 0 at the end of the input, else the last read error. */
    private int lastError;
    /** Packets were demuxed ahead of the decoders ({@link #scan}): the decoders need a seek first. */
    private boolean scannedAhead;

    PacketReader(Container container, ProbedStream stream, LimitGuard limits) {
        this(container, stream, limits, true);
    }

    /**
     * A reader that logs every packet when {@code logging}; without it (a live stream, which never
     * ends) {@link #logged()} stays empty and {@link #hasKeyNear} false, and memory does not grow.
     */
    PacketReader(Container container, ProbedStream stream, LimitGuard limits, boolean logging) {
        this.fmt = container.format();
        this.stream = stream;
        this.limits = limits;
        this.types = logging ? new PictureTypes(stream) : null; // only the packet log reads picture types
        this.logging = logging;
        this.pkt = avcodec.av_packet_alloc();
    }

    /** The packet last read by {@link #read}; the caller unrefs it when done. */
    AVPacket packet() {
        return pkt;
    }

    /**
     * Reads the next packet of the video stream (key packets only when {@code keyOnly}) into
     * {@link #packet()}. Checks cancellation and the deadline per packet. Returns false at the end of
     * the input or when the rest cannot be read.
     */
    boolean read(boolean keyOnly) throws VideoException {
        int errors = 0;
        while (true) {
            limits.checkpoint();
            int r = avformat.av_read_frame(fmt, pkt);
            if (r < 0) {
                limits.checkpoint(); // an interrupted read ends here with the right code
                if (r == AVERROR_EOF || ++errors > MAX_READ_ERRORS) {
                    lastError = r == AVERROR_EOF ? 0 : r;
                    return false;
                }
                continue; // a damaged stretch: try to resynchronise
            }
            if (pkt.stream_index() == stream.index) {
                boolean key = (pkt.flags() & AV_PKT_FLAG_KEY) != 0;
                if (logging) {
                    logPacket(key);
                }
                if (!keyOnly || key) {
                    return true;
                }
            }
            avcodec.av_packet_unref(pkt);
        }
    }

    /** Logs the video packet in {@link #pkt} unless it was logged before. */
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
        double ptsS = pts != AV_NOPTS_VALUE ? stream.seconds(pts - stream.startTs) : Double.NaN;
        log.record(order, ptsS, pkt.size(), key, types.of(pkt));
    }

    /** Demuxes without decoding up to the first packet presented after {@code untilSeconds}. */
    void scan(double untilSeconds) throws VideoException {
        while (!atEnd) {
            if (!read(false)) {
                atEnd = true;
                break;
            }
            scannedAhead = true;
            long pts = pkt.pts();
            avcodec.av_packet_unref(pkt);
            if (pts != AV_NOPTS_VALUE && stream.seconds(pts - stream.startTs) > untilSeconds) {
                break;
            }
        }
    }

    /**
     * Seeks to the key frame at or before {@code ptsSeconds} (else the stream start, else byte 0) and
     * forgets the end and any scan ahead.
     */
    void seek(double ptsSeconds) throws VideoException {
        limits.checkpoint();
        int index = stream.index;
        long ts = stream.startTs + (long) Math.floor(Math.max(0, ptsSeconds) / stream.secondsPerTick);
        int r = avformat.av_seek_frame(fmt, index, ts, AVSEEK_FLAG_BACKWARD);
        if (r < 0) {
            r = avformat.av_seek_frame(fmt, index, stream.startTs, AVSEEK_FLAG_BACKWARD);
        }
        if (r < 0) {
            r = avformat.av_seek_frame(fmt, -1, 0, AVSEEK_FLAG_BYTE);
        }
        limits.checkpoint();
        if (r < 0) {
            throw new VideoException(ErrorCode.INTERNAL, "cannot seek in this input: " + NativeCalls.avError(r));
        }
        atEnd = false;
        scannedAhead = false;
    }

    /** Whether the end of the input was met (and not sought away from since). */
    boolean atEnd() {
        return atEnd;
    }

    /** 0 when the last {@link #read} that returned false met the end of the input, else FFmpeg's last read error. */
    int lastError() {
        return lastError;
    }

    /** Records that {@link #read} returned false: the end of the input. */
    void markEnd() {
        atEnd = true;
    }

    /** Whether packets were read ahead of the decoders by {@link #scan} since the last seek. */
    boolean scannedAhead() {
        return scannedAhead;
    }

    /** Whether a logged key packet is presented within {@code tolerance} seconds of {@code t}. */
    boolean hasKeyNear(double t, double tolerance) {
        return log.hasKeyNear(t, tolerance);
    }

    /** The packets logged so far, in decode order; a snapshot owned by the caller. */
    List<PacketInfo> logged() {
        return log.snapshot();
    }

    @Override
    public void close() {
        if (types != null) {
            types.close();
        }
        if (pkt != null) {
            avcodec.av_packet_free(pkt);
            pkt = null;
        }
    }
}
