package dev.videoclass.ffmpeg.internal;

import static dev.videoclass.ffmpeg.internal.CodecContexts.AV_FRAME_FLAG_KEY;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.Limits;
import dev.videoclass.VideoException;
import dev.videoclass.live.LiveOpenOptions;
import dev.videoclass.live.LiveSource;
import dev.videoclass.spi.DecodeOptions;
import java.time.Duration;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * One connection to a live stream on FFmpeg, made of the same rooms as a file's frame source: a
 * {@link Container} opened under a {@link StreamLockdown}, the {@link ProbedStream} (pixel limit
 * checked), a {@link PacketReader} that logs nothing (a stream never ends), the all-frames
 * {@link StreamDecoder} with the in-loop filters on (every picture may be sampled and must be exact),
 * and for each picture an {@link AnalysisScaler} frame or an {@link UprightConverter} capture on
 * request — the conversion a file's keyframes get.
 *
 * <p>Blocking reads end when {@link LiveOpenOptions#stop()} answers true, through FFmpeg's
 * interrupt callback and the gate's polling reads. Used by one thread; {@link #close()} frees every
 * native object and may be called more than once.
 */
public final class LiveFrameSource implements LiveSource {
    /** No wall-clock deadline and no duration limit: a stream runs until stopped. */
    private static final Duration NO_DEADLINE = Duration.ofDays(3650);

    private final LiveOpenOptions options;
    private final LimitGuard limits;
    private Container container;
    private ProbedStream stream;
    private PacketReader packets;
    private Pictures pictures;
    private FrameClock clock;
    private AnalysisScaler scaler;
    private StreamDecoder frames;
    private UprightConverter upright;
    private double pts;
    private boolean closed;

    private LiveFrameSource(LiveOpenOptions options) {
        this.options = options;
        Limits l = new Limits(Long.MAX_VALUE, Double.MAX_VALUE, options.maxPixels(), NO_DEADLINE);
        this.limits = new LimitGuard(new DecodeOptions(options.analysisWidth(), l, options.stop()), System.nanoTime());
    }

    /**
     * Connects and probes; releases everything on failure.
     *
     * @param stallS seconds FFmpeg's socket operations may block (the stop signal usually ends them sooner)
     */
    public static LiveFrameSource open(LiveOpenOptions options, double stallS) throws VideoException {
        LiveFrameSource s = new LiveFrameSource(options);
        boolean opened = false;
        try {
            NativeCalls.guard(() -> s.openParts(stallS));
            opened = true;
            return s;
        } finally {
            if (!opened) {
                s.close();
            }
        }
    }

    private void openParts(double stallS) throws VideoException {
        container = Container.openStream(StreamLockdown.of(options, stallS), limits);
        stream = new ProbedStream(container, 0, limits);
        packets = new PacketReader(container, stream, limits, false);
        pictures = new Pictures();
        clock = new FrameClock(stream);
        scaler = new AnalysisScaler(options.analysisWidth(), stream.displayWidth, stream.displayHeight);
        frames = new StreamDecoder(stream, packets, clock, scaler, pictures);
        frames.decodeExactly();
        container.discardOtherStreams();
        upright = new UprightConverter(stream);
    }

    @Override
    public boolean advance() throws VideoException {
        ensureOpen();
        return NativeCalls.guard(() -> {
            AVFrame latest = pictures.latest();
            avutil.av_frame_unref(latest);
            if (!frames.decodeInto(latest)) {
                if (packets.lastError() != 0) {
                    throw new VideoException(ErrorCode.INTERNAL, "reading the stream failed: "
                            + NativeCalls.avError(packets.lastError()));
                }
                return false;
            }
            pts = clock.ptsOf(latest);
            return true;
        });
    }

    @Override
    public double ptsSeconds() {
        return pts;
    }

    @Override
    public double frameRate() {
        return stream == null ? 0 : stream.frameRate;
    }

    @Override
    public Frame analysisFrame() throws VideoException {
        ensureOpen();
        return NativeCalls.guard(() -> {
            AVFrame p = pictures.latest();
            return scaler.convert(p, pts, (p.flags() & AV_FRAME_FLAG_KEY) != 0);
        });
    }

    @Override
    public Frame capture(int maxSide) throws VideoException {
        ensureOpen();
        return NativeCalls.guard(() -> upright.convert(pictures.latest(), pts, maxSide, true));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("live source is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable part : new AutoCloseable[] {upright, scaler, pictures, packets, frames, container}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // keep closing the others; nothing else can be done here
            }
        }
    }
}
