package dev.videoclass.ffmpeg;

import dev.videoclass.DecodeOptions;
import dev.videoclass.ErrorCode;
import dev.videoclass.FrameSource;
import dev.videoclass.VideoDecoder;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.internal.FfmpegFrameSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;
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
 * FFmpeg is locked down (DESIGN section 9): only the {@code file} protocol, only an allow-list of
 * demuxers (mp4/mov family, matroska/webm, avi, mpeg-ts, mpeg-ps, flv, asf, ogg, ivf and raw
 * h264/hevc/m4v), no mov data references — playlists (HLS, DASH), concat scripts, image sequences
 * and the like are refused with {@link ErrorCode#UNSUPPORTED_FORMAT}.
 *
 * <p>{@link #open} probes the input, checks the limits (size before anything else, then duration
 * and pixels per frame) and decodes the first frame, so an input with nothing decodable fails there
 * with {@link ErrorCode#NO_DECODABLE_FRAMES}. The wall-clock {@link dev.videoclass.Limits#decodeTimeout()}
 * counts from the call to {@code open} and covers everything done with the returned source.
 *
 * <p>Thread safe and stateless: one instance serves any number of concurrent {@code open} calls;
 * each returned {@link FfmpegFrameSource} is used by one thread at a time.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {

    /**
     * FFmpeg's native libraries load on first use, not when a decoder is built: a service or a
     * backfill run that finds every verdict already stored never pays for them (~0.3 s).
     */
    private static final class Natives {
        static {
            // Corrupt uploads would otherwise flood stderr; errors reach callers as VideoException.
            avutil.av_log_set_level(avutil.AV_LOG_FATAL);
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
     * decode can overlap the ~0.1 s this takes with its own start-up (the CLI does). Idempotent and
     * thread safe; a concurrent {@code open} waits for the load in progress.
     */
    public static void preload() {
        Natives.load();
    }

    @Override
    public String id() {
        Natives.load();
        return "ffmpeg-" + avutil.av_version_info().getString();
    }

    /**
     * {@inheritDoc}
     *
     * @return a {@link FfmpegFrameSource}
     */
    @Override
    public FrameSource open(VideoInput input, DecodeOptions options) throws VideoException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        Natives.load();
        long start = System.nanoTime();
        long deadline = start + options.limits().decodeTimeout().toNanos();
        long maxBytes = options.limits().maxBytes();
        Path temp = null;
        try {
            if (input instanceof VideoInput.FileInput f) {
                Path p = f.path();
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "not a readable regular file: " + p);
                }
                long size = Files.size(p);
                checkSize(size, maxBytes);
                return FfmpegFrameSource.open(p, false, size, options, start);
            } else if (input instanceof VideoInput.BytesInput b) {
                byte[] bytes = b.bytes();
                checkSize(bytes.length, maxBytes);
                temp = createTemp();
                Files.write(temp, bytes);
                Path t = temp;
                temp = null; // owned by the source from here on
                return FfmpegFrameSource.open(t, true, bytes.length, options, start);
            } else if (input instanceof VideoInput.StreamInput s) {
                temp = createTemp();
                long size = spool(s.stream(), temp, maxBytes, options.cancelled(), deadline);
                checkSize(size, maxBytes);
                Path t = temp;
                temp = null;
                return FfmpegFrameSource.open(t, true, size, options, start);
            }
            throw new VideoException(ErrorCode.INTERNAL, "unknown input type " + input.getClass().getName());
        } catch (VideoException e) {
            throw e;
        } catch (IOException e) {
            throw new VideoException(ErrorCode.INTERNAL, "cannot read or spool " + input.describe() + ": " + e.getMessage(), e);
        } catch (Throwable t) {
            throw FfmpegFrameSource.internal(t);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static void checkSize(long size, long maxBytes) throws VideoException {
        if (size == 0) {
            throw new VideoException(ErrorCode.EMPTY_INPUT, "the input is empty");
        }
        if (size > maxBytes) {
            throw new VideoException(ErrorCode.TOO_LARGE, "input of " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
    }

    private Path createTemp() throws IOException {
        return spoolDir == null
                ? Files.createTempFile("videoclass-", ".upload")
                : Files.createTempFile(spoolDir, "videoclass-", ".upload");
    }

    /** Copies {@code in} to {@code target}, failing with TOO_LARGE as soon as it passes {@code maxBytes}. */
    static long spool(InputStream in, Path target, long maxBytes, BooleanSupplier cancelled, long deadline)
            throws IOException, VideoException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new VideoException(ErrorCode.TOO_LARGE, "upload exceeds the limit of " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
                if (cancelled.getAsBoolean()) {
                    throw new VideoException(ErrorCode.CANCELLED, "decoding was cancelled");
                }
                if (System.nanoTime() > deadline) {
                    throw new VideoException(ErrorCode.TIMEOUT, "reading the upload took longer than the decode timeout");
                }
            }
        }
        return total;
    }
}
