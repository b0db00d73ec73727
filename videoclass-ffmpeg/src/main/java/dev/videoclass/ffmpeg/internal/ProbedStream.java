package dev.videoclass.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInfo;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;

/**
 * The video stream of a {@link Container} as the probe found it, checked against the limits
 * (pixels per coded frame, duration in seconds): its decoder, time base, start, frame rate,
 * display geometry, colour tags and the {@link VideoInfo} the source reports. Immutable once
 * built; the native structures it points to belong to the container and live as long as it.
 */
final class ProbedStream {
    /** Frames per second assumed where the stream does not say. */
    private static final double FALLBACK_FPS = 25;

    final int index;
    final AVCodec decoder;
    final AVCodecParameters codecpar;
    final AVRational timeBase;
    /** The time base as a double: seconds per tick. */
    final double secondsPerTick;
    /** Timestamp of the stream's first frame, in ticks (0 when unknown). */
    final long startTs;
    /** Frames per second; 0 when unknown. */
    final double frameRate;
    /** Sample (pixel) aspect ratio: display width of one coded pixel. */
    final double sar;
    /** Clockwise degrees (0/90/180/270) that make frames upright. */
    final int rotation;
    /** Display size before rotation, in pixels. */
    final int displayWidth;
    final int displayHeight;
    /** The stream's colour tags (AVCOL_* values), for pictures that carry none. */
    final int transfer;
    final int primaries;
    final int matrix;
    final VideoInfo info;

    /** Probes the container's video stream; fails on an unknown codec or a limit. */
    ProbedStream(Container container, long sizeBytes, LimitGuard limits) throws VideoException {
        AVFormatContext fmt = container.format();
        index = container.videoIndex();
        AVStream st = fmt.streams(index);
        codecpar = st.codecpar();
        decoder = findDecoder(codecpar.codec_id());
        String codecName = avcodec.avcodec_get_name(codecpar.codec_id()).getString();
        if (decoder == null) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "no decoder for video codec " + codecName);
        }
        transfer = codecpar.color_trc();
        primaries = codecpar.color_primaries();
        matrix = codecpar.color_space();
        timeBase = st.time_base();
        secondsPerTick = avutil.av_q2d(timeBase);
        startTs = st.start_time() != AV_NOPTS_VALUE ? st.start_time() : 0;

        int codedW = codecpar.width();
        int codedH = codecpar.height();
        if (codedW <= 0 || codedH <= 0) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "video stream has no frame size");
        }
        limits.checkFrameSize(codedW, codedH);
        double duration = durationOf(fmt, st);
        limits.checkDuration(duration);
        frameRate = frameRateOf(st);
        long frameCount = st.nb_frames() > 0 ? st.nb_frames() : Math.round(duration * frameRate);
        sar = sampleAspectRatio(fmt, st);
        rotation = rotationOf(codecpar);
        displayWidth = Math.max(1, (int) Math.round(codedW * sar));
        displayHeight = codedH;
        boolean swap = rotation == 90 || rotation == 270;
        long bitRate = fmt.bit_rate() > 0 ? fmt.bit_rate() : Math.max(0, codecpar.bit_rate());
        info = new VideoInfo(duration, frameRate, frameCount, container.name(), codecName,
                swap ? displayHeight : displayWidth, swap ? displayWidth : displayHeight, codedW, codedH, rotation,
                bitRate, hasAudio(fmt), sizeBytes);
    }

    /**
     * Stream ticks to seconds with a single rounding ({@code ticks * num / den}), so that 93 ticks of
     * 1/30 s read 3.1, not the 3.0999999999999996 that multiplying by a rounded {@code 1/30} gives.
     */
    double seconds(long ticks) {
        return (double) ticks * timeBase.num() / timeBase.den();
    }

    /** Half a frame interval in seconds: how far a frame's timestamp may be from a time it is shown at. */
    double halfFrame() {
        return 0.5 / (frameRate > 0 ? frameRate : FALLBACK_FPS);
    }

    /** One frame interval in seconds, for frames without a timestamp. */
    double frameInterval() {
        return frameRate > 0 ? 1 / frameRate : 0.04;
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

    private double durationOf(AVFormatContext fmt, AVStream st) {
        if (fmt.duration() != AV_NOPTS_VALUE && fmt.duration() > 0) {
            return fmt.duration() / (double) AV_TIME_BASE;
        } else if (st.duration() != AV_NOPTS_VALUE && st.duration() > 0) {
            return seconds(st.duration());
        }
        return 0;
    }

    /** The average frame rate, else the real base frame rate, else 0. */
    private static double frameRateOf(AVStream st) {
        AVRational fr = st.avg_frame_rate();
        double rate = fr.den() != 0 && fr.num() > 0 ? avutil.av_q2d(fr) : 0;
        if (rate <= 0 || rate > 1000) {
            AVRational r = st.r_frame_rate();
            rate = r.den() != 0 && r.num() > 0 ? avutil.av_q2d(r) : 0;
        }
        return rate;
    }

    private static double sampleAspectRatio(AVFormatContext fmt, AVStream st) {
        AVRational q = avformat.av_guess_sample_aspect_ratio(fmt, st, null);
        return q.num() > 0 && q.den() > 0 ? q.num() / (double) q.den() : 1.0;
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

    private static boolean hasAudio(AVFormatContext fmt) {
        for (int i = 0; i < fmt.nb_streams(); i++) {
            if (fmt.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
                return true;
            }
        }
        return false;
    }
}
