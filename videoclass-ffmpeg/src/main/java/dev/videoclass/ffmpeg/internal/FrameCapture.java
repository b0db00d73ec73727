package dev.videoclass.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Full-quality captures: the frame shown at a time, decoded with the in-loop filters on and
 * converted upright at display aspect by {@link UprightConverter} (HDR tone-mapped to SDR). A key
 * frame whose packet has been read is decoded from that packet alone ({@link KeyframeLookup}); any
 * other frame from the start of its GOP on the {@link StreamDecoder}.
 *
 * <p>Each capture is a new pixel array owned by the caller. Owns its converter; {@link #close()}
 * frees it. Leaves the decoders positioned anywhere (the caller restores their analysis settings).
 * Not thread safe.
 */
final class FrameCapture implements AutoCloseable {
    /** Seeks that land after the target are retried from this many earlier points (1, 2, 4, 8 s before). */
    private static final int MAX_EARLIER_SEEKS = 4;

    private final ProbedStream stream;
    private final PacketReader packets;
    private final Seeker seeker;
    private final StreamDecoder frames;
    private final KeyframeLookup keyframes;
    private final FrameClock clock;
    private final Pictures pictures;
    private final UprightConverter upright;

    FrameCapture(ProbedStream stream, PacketReader packets, Seeker seeker, StreamDecoder frames,
                 KeyframeLookup keyframes, FrameClock clock, Pictures pictures) {
        this.stream = stream;
        this.packets = packets;
        this.seeker = seeker;
        this.frames = frames;
        this.keyframes = keyframes;
        this.clock = clock;
        this.pictures = pictures;
        this.upright = new UprightConverter(stream);
    }

    /**
     * The frame shown at {@code target} seconds (the last one whose timestamp is not after it, within
     * half a frame) with its long side at most {@code maxSide} pixels (0: display size).
     */
    Frame capture(double target, int maxSide, CaptureOptions how) throws VideoException {
        double half = stream.halfFrame();
        if (how.fromKeyPacket() && packets.hasKeyNear(target, half)) {
            keyframes.seek(target, AVDISCARD_DEFAULT, AVDISCARD_DEFAULT); // in-loop filters on: exact
            double pts = keyframes.decode(target, half);
            if (!Double.isNaN(pts)) {
                return toCapture(pictures.latest(), pts, maxSide, how.toneMapHdr());
            }
        }
        return fromGop(target, half, maxSide, how.toneMapHdr());
    }

    /** Decodes from the key frame before {@code target} up to the frame shown at it. */
    private Frame fromGop(double target, double half, int maxSide, boolean toneMap) throws VideoException {
        AVFrame latest = pictures.latest();
        double seekPos = target;
        for (int attempt = 0; ; attempt++) {
            seeker.seek(seekPos);
            frames.decodeExactly(); // from the key frame on, every picture exact
            if (!frames.decodeInto(latest)) {
                avutil.av_frame_unref(latest);
                throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame could be decoded at " + target + " s");
            }
            double first = clock.ptsOf(latest);
            if (first > target + half && seekPos > 0 && attempt < MAX_EARLIER_SEEKS) {
                // the demuxer landed after the target (key frame chosen by dts): start earlier
                seekPos = Math.max(0, seekPos - (1 << attempt));
                continue;
            }
            // the decoder state now belongs to the capture: next() continues from an unspecified position
            return toCapture(pictures.held(), keepUntil(first, target, half), maxSide, toneMap);
        }
    }

    /**
     * With the first decoded picture (at {@code first} seconds) in {@link Pictures#latest()}: keeps
     * decoding while the pictures are not yet shown at {@code target}, keeping the last one not
     * after it in {@link Pictures#held()}. Returns that picture's timestamp.
     */
    private double keepUntil(double first, double target, double half) throws VideoException {
        AVFrame latest = pictures.latest();
        AVFrame held = pictures.held();
        double limit = target + half;
        double best = first;
        avutil.av_frame_unref(held);
        avutil.av_frame_move_ref(held, latest);
        while (Math.abs(best - target) > half && best <= limit && frames.decodeInto(latest)) {
            double t = clock.ptsOf(latest);
            if (t > limit) {
                break;
            }
            avutil.av_frame_unref(held);
            avutil.av_frame_move_ref(held, latest);
            best = t;
        }
        avutil.av_frame_unref(latest);
        return best;
    }

    /** Converts a decoded picture to an owned, upright RGB frame and releases the picture. */
    private Frame toCapture(AVFrame picture, double pts, int maxSide, boolean toneMap) {
        Frame f = upright.convert(picture, pts, maxSide, toneMap);
        avutil.av_frame_unref(picture);
        return f;
    }

    @Override
    public void close() {
        upright.close();
    }
}
