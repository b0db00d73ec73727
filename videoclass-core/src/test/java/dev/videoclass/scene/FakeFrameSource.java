package dev.videoclass.scene;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.PacketInfo;
import dev.videoclass.VideoInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * An in-memory video for tests: frame i has pts i / fps and is painted on demand by a
 * {@link Painter}; a set of indices are "I-frames". KEYFRAMES_ONLY returns only those; seek goes to
 * the I-frame at or before the requested time. Every painted frame counts as decoded. Analysis
 * frames share one reused buffer, like a real decoder. With {@link #packets} it also reports one
 * packet per frame (decode order = presentation order, no B-frames) for every frame "demuxed" so far:
 * a keyframe-only pass reads them all, an all-frame read up to the frame returned.
 */
public final class FakeFrameSource implements FrameSource {

    /** Paints frame {@code index} into {@code rgb} ({@code w*h*3} bytes). */
    public interface Painter {
        void paint(int index, byte[] rgb, int w, int h);
    }

    private final int w;
    private final int h;
    private final double fps;
    private final int count;
    private final int[] iframes;
    private final Painter painter;
    private final double durationS;
    private final byte[] buffer;
    private int pos;
    private DecodeMode mode = DecodeMode.ALL_FRAMES;
    private long decoded;
    private IntUnaryOperator packetSize;
    private int readUpTo;
    private boolean demuxAhead;
    private int scans;
    private int lost = -1;

    public FakeFrameSource(int w, int h, double fps, int count, int[] iframes, Painter painter) {
        this(w, h, fps, count, iframes, painter, count / fps);
    }

    public FakeFrameSource(int w, int h, double fps, int count, int[] iframes, Painter painter, double durationS) {
        this.w = w;
        this.h = h;
        this.fps = fps;
        this.count = count;
        this.iframes = iframes.clone();
        Arrays.sort(this.iframes);
        this.painter = painter;
        this.durationS = durationS;
        this.buffer = new byte[w * h * 3];
    }

    /** Reports packets whose size in bytes is {@code sizeOfFrame.applyAsInt(frameIndex)}. */
    public FakeFrameSource packets(IntUnaryOperator sizeOfFrame) {
        this.packetSize = sizeOfFrame;
        return this;
    }

    /**
     * Never returns frame {@code frameIndex} from an all-frames read, as a decoder skips a picture
     * whose packet is corrupt.
     */
    public FakeFrameSource losing(int frameIndex) {
        this.lost = frameIndex;
        return this;
    }

    /**
     * Also supports {@link #scanPackets} (packets up to a time, nothing decoded) and
     * {@link #keyframe} (one I-frame painted), as the FFmpeg source does; needs {@link #packets}.
     */
    public FakeFrameSource demuxAhead() {
        this.demuxAhead = true;
        return this;
    }

    @Override
    public boolean scanPackets(double untilSeconds) {
        if (!demuxAhead || packetSize == null) {
            return false;
        }
        // up to and including the first frame presented after untilSeconds
        long upTo = untilSeconds >= count / fps ? count : (long) Math.floor(untilSeconds * fps + 1e-9) + 2;
        readUpTo = (int) Math.max(readUpTo, Math.min(count, upTo));
        scans++;
        return true;
    }

    /** How many times {@link #scanPackets} was called. */
    public int scans() {
        return scans;
    }

    @Override
    public Frame keyframe(double ptsSeconds) {
        int idx = (int) Math.round(ptsSeconds * fps);
        if (!demuxAhead || Math.abs(idx / fps - ptsSeconds) > 0.5 / fps || Arrays.binarySearch(iframes, idx) < 0) {
            return null;
        }
        painter.paint(idx, buffer, w, h);
        decoded++;
        pos = idx + 1;
        return new Frame(w, h, buffer, idx / fps, true);
    }

    @Override
    public List<PacketInfo> packetsRead() {
        if (packetSize == null) {
            return List.of();
        }
        List<PacketInfo> out = new ArrayList<>(readUpTo);
        for (int i = 0; i < readUpTo; i++) {
            out.add(new PacketInfo(i / fps, packetSize.applyAsInt(i), Arrays.binarySearch(iframes, i) >= 0));
        }
        return out;
    }

    /** I-frames every {@code step} frames from 0. */
    public static int[] every(int step, int count) {
        int[] out = new int[(count + step - 1) / step];
        for (int i = 0; i < out.length; i++) {
            out[i] = i * step;
        }
        return out;
    }

    @Override
    public VideoInfo info() {
        return new VideoInfo(durationS, fps, count, "fake", "fake", w, h, w, h, 0, 0, false, 0);
    }

    @Override
    public Frame next() {
        if (mode == DecodeMode.KEYFRAMES_ONLY) {
            int k = Arrays.binarySearch(iframes, pos);
            int idx = k >= 0 ? k : -k - 1;
            if (idx >= iframes.length || iframes[idx] >= count) {
                readUpTo = count; // the demuxer read to the end looking for another key packet
                return null;
            }
            pos = iframes[idx];
        }
        if (pos == lost && mode == DecodeMode.ALL_FRAMES) {
            pos++;
        }
        if (pos >= count) {
            readUpTo = count;
            return null;
        }
        painter.paint(pos, buffer, w, h);
        decoded++;
        readUpTo = Math.max(readUpTo, pos + 1);
        Frame f = new Frame(w, h, buffer, pos / fps);
        pos++;
        return f;
    }

    @Override
    public void seek(double ptsSeconds, DecodeMode mode) {
        int target = (int) Math.floor(ptsSeconds * fps + 1e-6);
        int key = 0;
        for (int i : iframes) {
            if (i <= target) {
                key = i;
            }
        }
        pos = key;
        this.mode = mode;
    }

    @Override
    public Frame capture(double ptsSeconds, int maxSide) {
        int idx = Math.min(count - 1, Math.max(0, (int) Math.floor(ptsSeconds * fps + 1e-6)));
        byte[] rgb = new byte[w * h * 3];
        painter.paint(idx, rgb, w, h);
        decoded++;
        return new Frame(w, h, rgb, idx / fps);
    }

    @Override
    public long framesDecoded() {
        return decoded;
    }

    @Override
    public void close() {
    }
}
