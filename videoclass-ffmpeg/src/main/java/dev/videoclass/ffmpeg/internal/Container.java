package dev.videoclass.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A local file opened by FFmpeg under the lock-down, its stream information read and its best video
 * stream chosen. The lock-down: only the {@code file} protocol, only the demuxers of
 * {@link #FORMAT_WHITELIST} (no playlists, no concat scripts, no image sequences), no mov data
 * references, so that a file cannot make FFmpeg open anything else. Anything refused, unreadable or
 * without video fails with {@link ErrorCode#UNSUPPORTED_FORMAT}. A live stream is opened under its
 * own lock-down instead ({@link #openStream}, {@link StreamLockdown}).
 *
 * <p>Owns the native {@link AVFormatContext} and its {@link InterruptRegistry} registration, which
 * aborts blocking reads once the {@link LimitGuard} says stop; {@link #close()} frees both and may
 * be called more than once. Used by one thread at a time.
 */
final class Container implements AutoCloseable {

    /** Demuxers the decoder accepts; everything else is refused. */
    static final String FORMAT_WHITELIST =
            "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,mpeg,flv,asf,ogg,ivf,h264,hevc,m4v";

    private AVFormatContext fmt;
    private InterruptRegistry.Registration interrupt;
    private StreamLockdown stream;
    private int videoIndex = -1;

    private Container() {
    }

    /** Opens {@code path} under the lock-down and chooses its video stream; releases everything on failure. */
    static Container open(Path path, LimitGuard limits) throws VideoException {
        return openWith(new Container(), c -> c.openLockedDown(path, limits), limits);
    }

    /**
     * Opens a live stream under {@code lockdown} (which this container then owns and closes) and
     * chooses its video stream; releases everything on failure.
     */
    static Container openStream(StreamLockdown lockdown, LimitGuard limits) throws VideoException {
        Container c = new Container();
        c.stream = lockdown;
        return openWith(c, x -> x.openNetwork(lockdown, limits), limits);
    }

    /** How a new container's input is opened. */
    private interface Opening {
        void open(Container c) throws VideoException;
    }

    private static Container openWith(Container c, Opening opening, LimitGuard limits) throws VideoException {
        boolean opened = false;
        try {
            opening.open(c);
            c.chooseVideoStream(limits);
            opened = true;
            return c;
        } finally {
            if (!opened) {
                c.close();
            }
        }
    }

    private void openNetwork(StreamLockdown lockdown, LimitGuard limits) throws VideoException {
        limits.checkpoint();
        AVFormatContext ctx = avformat.avformat_alloc_context();
        if (ctx == null || ctx.isNull()) {
            throw new OutOfMemoryError("avformat_alloc_context");
        }
        fmt = ctx;
        interrupt = InterruptRegistry.install(ctx, () -> limits.shouldStop() || lockdown.refusesNow(ctx));
        lockdown.attach(ctx);
        AVDictionary dict = new AVDictionary(null);
        lockdown.settings().forEach((k, v) -> avutil.av_dict_set(dict, k, v, 0));
        int ret;
        try {
            ret = avformat.avformat_open_input(ctx, lockdown.url(), avformat.av_find_input_format(lockdown.format()), dict);
        } finally {
            avutil.av_dict_free(dict);
        }
        if (ret < 0) {
            fmt = null; // freed by avformat_open_input on failure
            limits.checkpoint();
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, lockdown.failure(NativeCalls.avError(ret)));
        }
        if (lockdown.refusesNow(ctx)) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, lockdown.failure("redirected"));
        }
    }

    private void openLockedDown(Path path, LimitGuard limits) throws VideoException {
        limits.checkpoint();
        fmt = avformat.avformat_alloc_context();
        if (fmt == null || fmt.isNull()) {
            throw new OutOfMemoryError("avformat_alloc_context");
        }
        interrupt = InterruptRegistry.install(fmt, limits::shouldStop);
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
            limits.checkpoint();
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT,
                    "not a readable video in an accepted container (mp4/mov, mkv/webm, avi, mpeg-ts/ps, flv, asf, ogg, ivf): "
                            + NativeCalls.avError(ret));
        }
    }

    private void chooseVideoStream(LimitGuard limits) throws VideoException {
        int ret = avformat.avformat_find_stream_info(fmt, (PointerPointer<?>) null);
        limits.checkpoint();
        if (ret < 0) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "cannot read stream information: " + NativeCalls.avError(ret));
        }
        videoIndex = avformat.av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
        if (videoIndex < 0) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "no video stream in " + name());
        }
    }

    /** The native context; owned by this container. */
    AVFormatContext format() {
        return fmt;
    }

    /** Index of the chosen video stream. */
    int videoIndex() {
        return videoIndex;
    }

    /** The demuxer's short name ({@code "mov,mp4,m4a,3gp,3g2,mj2"}, {@code "matroska,webm"}, ...). */
    String name() {
        return fmt.iformat() != null && !fmt.iformat().isNull() ? fmt.iformat().name().getString() : "unknown";
    }

    /** Makes the demuxer drop the packets of every stream but the video stream. */
    void discardOtherStreams() {
        for (int i = 0; i < fmt.nb_streams(); i++) {
            if (i != videoIndex) {
                fmt.streams(i).discard(avcodec.AVDISCARD_ALL);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (interrupt != null) {
                interrupt.detach();
            }
            if (fmt != null) {
                avformat.avformat_close_input(fmt);
            }
        } finally {
            fmt = null;
            if (interrupt != null) {
                interrupt.close();
                interrupt = null;
            }
            if (stream != null) {
                stream.close(); // after the context: the demuxer closes its inputs through the gate
                stream = null;
            }
        }
    }
}
