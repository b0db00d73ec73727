package dev.videoclass.live;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleFunction;

/**
 * Test double: a live "stream" of solid-colour frames (64x48 unless {@link #size} says otherwise)
 * whose colour is a function of stream time, played by scripted connections (how many frames each gives and how it ends), paced at
 * {@code speed} times real time; once the script is over every connection attempt fails. No native
 * code.
 */
final class FakeLiveDecoder implements LiveDecoder {
    /** How a scripted connection goes. */
    enum End { ENDS, FAILS, STALLS, REFUSED_OPEN, FAILS_OPEN }

    /** One connection: {@code frames} frames from stream time {@code startPts}, then {@code end}. */
    record Connection(double startPts, int frames, End end) {
    }

    final double fps;
    final double speed;
    final DoubleFunction<int[]> colour;
    final List<Connection> script = new ArrayList<>();
    final AtomicInteger opens = new AtomicInteger();
    volatile int analysisCalls;
    int width = 64;
    int height = 48;

    FakeLiveDecoder(double fps, double speed, DoubleFunction<int[]> colour) {
        this.fps = fps;
        this.speed = speed;
        this.colour = colour;
    }

    /** Frames of {@code w} x {@code h} pixels. */
    FakeLiveDecoder size(int w, int h) {
        this.width = w;
        this.height = h;
        return this;
    }

    FakeLiveDecoder then(double startPts, int frames, End end) {
        script.add(new Connection(startPts, frames, end));
        return this;
    }

    @Override
    public Set<StreamPolicy.Scheme> schemes() {
        return EnumSet.of(StreamPolicy.Scheme.RTSP, StreamPolicy.Scheme.HTTP, StreamPolicy.Scheme.HTTPS);
    }

    @Override
    public LiveSource open(LiveOpenOptions options) throws VideoException {
        int n = opens.getAndIncrement();
        if (n >= script.size()) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "Connection refused (the script is over)");
        }
        Connection c = script.get(n);
        if (c.end() == End.REFUSED_OPEN) {
            options.refused().accept("refused 'file:///etc/passwd': scheme file is not allowed (only http and https)");
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "no playable variant");
        }
        if (c.end() == End.FAILS_OPEN) {
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, "Connection refused");
        }
        return new Source(c, options);
    }

    private final class Source implements LiveSource {
        private final Connection c;
        private final LiveOpenOptions options;
        private final long startNanos = System.nanoTime();
        private int i = -1;

        Source(Connection c, LiveOpenOptions options) {
            this.c = c;
            this.options = options;
        }

        @Override
        public boolean advance() throws VideoException {
            if (i + 1 >= c.frames()) {
                switch (c.end()) {
                    case FAILS -> throw new VideoException(ErrorCode.INTERNAL, "connection reset by peer");
                    case STALLS -> {
                        while (!options.stop().getAsBoolean()) {
                            sleep(5);
                        }
                        throw new VideoException(ErrorCode.CANCELLED, "interrupted");
                    }
                    default -> {
                        return false;
                    }
                }
            }
            i++;
            long due = startNanos + (long) (i / fps / speed * 1e9);
            while (System.nanoTime() < due) {
                if (options.stop().getAsBoolean()) {
                    throw new VideoException(ErrorCode.CANCELLED, "interrupted");
                }
                sleep(1);
            }
            return true;
        }

        @Override
        public double ptsSeconds() {
            return c.startPts() + i / fps;
        }

        @Override
        public double frameRate() {
            return fps;
        }

        @Override
        public Frame analysisFrame() {
            analysisCalls++;
            return frame();
        }

        @Override
        public Frame capture(int maxSide) {
            return frame();
        }

        private Frame frame() {
            int[] rgb = colour.apply(ptsSeconds());
            byte[] px = new byte[width * height * 3];
            px[0] = (byte) rgb[0];
            px[1] = (byte) rgb[1];
            px[2] = (byte) rgb[2];
            for (int filled = 3; filled < px.length; filled *= 2) {
                System.arraycopy(px, 0, px, filled, Math.min(filled, px.length - filled));
            }
            return new Frame(width, height, px, ptsSeconds());
        }

        @Override
        public void close() {
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
