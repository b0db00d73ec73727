package dev.videoclass.ffmpeg.internal;

import static dev.videoclass.ffmpeg.internal.CodecContexts.ANALYSIS_LOOP_FILTER;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.PacketInfo;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInfo;
import dev.videoclass.VideoInput;
import dev.videoclass.internal.InputFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A video opened with FFmpeg: analysis frames, seeking between all-frame and keyframe-only
 * decoding, full-quality upright capture, and the packets read. It composes its parts, which know
 * nothing of it: {@link Container} (lock-down) and {@link ProbedStream} (probe, limits),
 * {@link PacketReader} (demuxing, packet log), {@link StreamDecoder} and {@link KeyframeDecoder}
 * (analysis frames), {@link KeyframeLookup} (single key frames), {@link FrameCapture} (captures).
 *
 * <p>Analysis frames ({@link #next()}) are {@link DecodeOptions#analysisWidth()} pixels wide (height
 * from the display aspect ratio, rounded to even, not rotated); their pixel array is reused by the
 * next call. Timestamps are seconds from the video stream's start time (the first frame is at about
 * 0). In {@link DecodeMode#KEYFRAMES_ONLY} only key packets are decoded, each on its own, and
 * frames come back sorted by timestamp.
 *
 * <p>A source is used by one thread at a time. It owns every native object of its parts;
 * {@link #close()} frees them all, deletes the spooled temp file of an upload, and may be called
 * more than once. Failures inside FFmpeg surface as {@link VideoException} ({@link NativeCalls}).
 */
public final class FfmpegFrameSource implements FrameSource {
    private static final AtomicLong OPEN_SOURCES = new AtomicLong();

    private final InputFiles.Local input;
    private final DecodeOptions options;
    private final LimitGuard limits;
    /** {@link #next()}'s work, made once so that each frame costs no allocation for the guard. */
    private final NativeCalls.Call<Frame> nextFrame = this::decodeNext;

    private Container container;
    private ProbedStream stream;
    private PacketReader packets;
    private Pictures pictures;
    private AnalysisScaler scaler;
    private StreamDecoder frames;
    private KeyframeDecoder keyframes;
    private KeyframeLookup lookup;
    private Seeker seeker;
    private FrameCapture capture;
    private DecodeMode mode = DecodeMode.ALL_FRAMES;
    private boolean closed;

    private FfmpegFrameSource(InputFiles.Local input, DecodeOptions options, LimitGuard limits) {
        this.input = input;
        this.options = options;
        this.limits = limits;
    }

    /**
     * Opens {@code input} (spooled to a temp file in {@code spoolDir} unless it is a file; null: the
     * default temp directory), probes it, checks the limits and decodes the first frame, so that an
     * input without a decodable frame fails here with {@link ErrorCode#NO_DECODABLE_FRAMES}. The
     * decode timeout counts from {@code startNanos} ({@link System#nanoTime()}). On failure
     * everything is released, the temp file included.
     */
    public static FrameSource open(VideoInput input, Path spoolDir, DecodeOptions options, long startNanos)
            throws VideoException {
        LimitGuard limits = new LimitGuard(options, startNanos);
        return NativeCalls.guard(() -> open(InputFiles.toFile(input, spoolDir, limits.maxBytes(), limits.cancelled(),
                limits.deadlineNanos()), options, limits));
    }

    /** Opens a local file; on failure releases everything, the file too when it is temporary. */
    static FfmpegFrameSource open(InputFiles.Local input, DecodeOptions options, LimitGuard limits) throws VideoException {
        FfmpegFrameSource s = new FfmpegFrameSource(input, options, limits);
        boolean opened = false;
        try {
            NativeCalls.guard(s::openParts);
            opened = true;
            return s;
        } finally {
            if (!opened) {
                s.close();
            }
        }
    }

    /** Sources opened and not yet closed in this process. */
    static long openSources() {
        return OPEN_SOURCES.get();
    }

    private void openParts() throws VideoException {
        OPEN_SOURCES.incrementAndGet();
        container = Container.open(input.path(), limits);
        stream = new ProbedStream(container, input.sizeBytes(), limits);
        scaler = new AnalysisScaler(options.analysisWidth(), stream.displayWidth, stream.displayHeight);
        packets = new PacketReader(container, stream, limits);
        pictures = new Pictures();
        FrameClock clock = new FrameClock(stream);
        frames = new StreamDecoder(stream, packets, clock, scaler, pictures);
        container.discardOtherStreams();
        keyframes = new KeyframeDecoder(stream, packets, clock, scaler, pictures);
        seeker = new Seeker(packets, frames, keyframes, clock, pictures);
        lookup = new KeyframeLookup(seeker, packets, keyframes, pictures);
        capture = new FrameCapture(stream, packets, seeker, frames, lookup, clock, pictures);
        frames.decodeFirst(stream.info.codec());
    }

    @Override
    public VideoInfo info() {
        return stream.info;
    }

    @Override
    public Frame next() throws VideoException {
        ensureOpen();
        if (packets.scannedAhead()) {
            throw new IllegalStateException("next() after scanPackets() needs a seek first");
        }
        return NativeCalls.guard(nextFrame);
    }

    private Frame decodeNext() throws VideoException {
        return mode == DecodeMode.KEYFRAMES_ONLY ? keyframes.next() : frames.next();
    }

    @Override
    public void seek(double ptsSeconds, DecodeMode newMode) throws VideoException {
        ensureOpen();
        NativeCalls.guard(() -> {
            seeker.seek(ptsSeconds);
            DecodeMode next = newMode == null ? DecodeMode.ALL_FRAMES : newMode;
            if (next == DecodeMode.KEYFRAMES_ONLY) {
                keyframes.startAnalysis();
            } else {
                frames.flush();
                frames.restoreAnalysisSettings();
            }
            mode = next; // only once the decoder for it is open: a failed seek leaves the old mode
        });
    }

    @Override
    public Frame capture(double ptsSeconds, int maxSide) throws VideoException {
        return capture(ptsSeconds, maxSide, CaptureOptions.DEFAULT);
    }

    /** {@link #capture(double, int)} the way {@code how} says. */
    Frame capture(double ptsSeconds, int maxSide, CaptureOptions how) throws VideoException {
        ensureOpen();
        if (maxSide < 0) {
            throw new IllegalArgumentException("maxSide must be >= 0");
        }
        try {
            return NativeCalls.guard(() -> capture.capture(ptsSeconds, maxSide, how));
        } finally {
            if (!closed) {
                frames.restoreAnalysisSettings();
                keyframes.restoreAnalysisSettings();
            }
        }
    }

    /** Demuxes without decoding up to the first packet presented after {@code untilSeconds}; every packet read is logged. */
    @Override
    public boolean scanPackets(double untilSeconds) throws VideoException {
        ensureOpen();
        NativeCalls.guard(() -> packets.scan(untilSeconds));
        return true;
    }

    /** Decodes the key packet presented at {@code ptsSeconds} alone, as the keyframe pass decodes it. */
    @Override
    public Frame keyframe(double ptsSeconds) throws VideoException {
        ensureOpen();
        return NativeCalls.guard(() -> keyframeAt(ptsSeconds));
    }

    private Frame keyframeAt(double target) throws VideoException {
        try {
            // skipping non-key pictures as the keyframe pass does: a packet flagged key that the
            // decoder does not treat as one (an H.264 I slice without a recovery point) gives null here
            lookup.seek(target, AVDISCARD_NONKEY, ANALYSIS_LOOP_FILTER);
            mode = DecodeMode.KEYFRAMES_ONLY; // the keyframe decoder is the one in use now
            double pts = lookup.decode(target, stream.halfFrame());
            return Double.isNaN(pts) ? null : scaler.scale(pictures.latest(), pts, true);
        } finally {
            // set up as the keyframe pass leaves it
            if (!closed && mode == DecodeMode.KEYFRAMES_ONLY) {
                keyframes.restoreAnalysisSettings();
            }
        }
    }

    @Override
    public List<PacketInfo> packetsRead() {
        return packets.logged();
    }

    @Override
    public long framesDecoded() {
        return frames.decoded() + keyframes.decoded();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("frame source is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // the parts stay reachable: info(), packetsRead() and framesDecoded() still answer
            closeAll(scaler, capture, pictures, packets, frames, keyframes, container);
        } finally {
            input.close();
            OPEN_SOURCES.decrementAndGet();
        }
    }

    /** Closes each part that was made, in order; the first failure is thrown once all were tried. */
    private static void closeAll(AutoCloseable... parts) {
        RuntimeException failure = null;
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
