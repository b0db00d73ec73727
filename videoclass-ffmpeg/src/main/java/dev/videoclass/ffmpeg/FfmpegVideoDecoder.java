package dev.videoclass.ffmpeg;

import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.ErrorCode;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.VideoDecoder;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.internal.FfmpegFrameSource;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * {@link VideoDecoder} on FFmpeg 7.1 through the bytedeco bindings (LGPL build, linux-x86_64).
 *
 * <p>Files are opened directly; byte arrays and streams (untrusted uploads) are first spooled to a
 * private temp file, size-limited while copying, and that file is deleted when the source closes.
 * FFmpeg is locked down: only the {@code file} protocol, only an allow-list of demuxers (mp4/mov
 * family, matroska/webm, avi, mpeg-ts, mpeg-ps, flv, asf, ogg, ivf and raw h264/hevc/m4v), no mov
 * data references — playlists (HLS, DASH), concat scripts, image sequences and the like are refused
 * with {@link ErrorCode#UNSUPPORTED_FORMAT}.
 *
 * <p>{@link #open} probes the input, checks the limits (size in bytes before anything else, then
 * duration in seconds and pixels per frame) and decodes the first frame, so an input with nothing
 * decodable fails there with {@link ErrorCode#NO_DECODABLE_FRAMES}. The wall-clock
 * {@link dev.videoclass.Limits#decodeTimeout()} counts from the call to {@code open} and covers
 * everything done with the returned source. Failures inside FFmpeg or its bindings surface as
 * {@link ErrorCode#INTERNAL}.
 *
 * <p>Thread safe and stateless: one instance serves any number of concurrent {@code open} calls;
 * each returned source is used by one thread at a time and owns its native resources until
 * {@link FrameSource#close()}.
 *
 * <p><b>Process-wide FFmpeg setting.</b> FFmpeg's natives load on the first {@code open},
 * {@link #id()} or {@link #preload()}, not when a decoder is built. At that moment FFmpeg's global
 * log level ({@code av_log_set_level}) is set to {@code AV_LOG_FATAL}, because corrupt uploads would
 * otherwise flood stderr with decoder complaints that callers get as exceptions anyway — unless the
 * process has already chosen a level other than FFmpeg's default ({@code AV_LOG_INFO}), which is
 * then kept. To see FFmpeg's own messages, call {@code avutil.av_log_set_level(...)} after
 * {@link #preload()}. No log callback is installed.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {

    /**
     * FFmpeg's native libraries load on first use, not when a decoder is built: a service or a
     * backfill run that finds every verdict already stored never pays for them (~0.3 s).
     */
    private static final class Natives {
        static {
            // Corrupt uploads would otherwise flood stderr; errors reach callers as VideoException.
            // A level the application chose already is kept (see the class comment).
            if (avutil.av_log_get_level() == avutil.AV_LOG_INFO) {
                avutil.av_log_set_level(avutil.AV_LOG_FATAL);
            }
            // every open needs these three as well; loading them here lets preload() do all of it
            Loader.load(avformat.class);
            Loader.load(avcodec.class);
            Loader.load(swscale.class);
        }

        static void load() {
            // class initialisation above does the work, once
        }
    }

    private final Path spoolDir;

    /** A decoder that spools uploads to the default temp directory ({@code java.io.tmpdir}). */
    public FfmpegVideoDecoder() {
        this.spoolDir = null;
    }

    /** A decoder that spools uploads (bytes and streams) into {@code spoolDir}. */
    public FfmpegVideoDecoder(Path spoolDir) {
        this.spoolDir = Objects.requireNonNull(spoolDir, "spoolDir");
    }

    /**
     * Loads FFmpeg's native libraries now instead of at the first {@link #open}: a program that will
     * decode can overlap the ~0.1 s this takes with its own start-up (the CLI does). Sets FFmpeg's
     * log level as the class comment says. Idempotent and thread safe; a concurrent {@code open}
     * waits for the load in progress.
     */
    public static void preload() {
        Natives.load();
    }

    @Override
    public String id() {
        Natives.load();
        return "ffmpeg-" + avutil.av_version_info().getString();
    }

    @Override
    public FrameSource open(VideoInput input, DecodeOptions options) throws VideoException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        Natives.load();
        return FfmpegFrameSource.open(input, spoolDir, options, System.nanoTime());
    }
}
