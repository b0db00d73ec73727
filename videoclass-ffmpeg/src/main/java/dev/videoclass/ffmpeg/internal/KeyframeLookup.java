package dev.videoclass.ffmpeg.internal;

import dev.videoclass.VideoException;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Decodes the key frame presented at a given time on its own, from its packet alone on the
 * {@link KeyframeDecoder}: no GOP to decode, no frame-thread latency. Serves
 * {@link dev.videoclass.spi.FrameSource#keyframe(double)} after a demux-only
 * {@link dev.videoclass.spi.FrameSource#scanPackets(double) scan}, and captures of key frames. Holds no
 * state of its own; not thread safe.
 */
final class KeyframeLookup {
    /** Packets read after the seek before giving up on meeting the one wanted. */
    private static final int MAX_PACKETS = 4;

    private final Seeker seeker;
    private final PacketReader packets;
    private final KeyframeDecoder keyframes;
    private final Pictures pictures;

    KeyframeLookup(Seeker seeker, PacketReader packets, KeyframeDecoder keyframes, Pictures pictures) {
        this.seeker = seeker;
        this.packets = packets;
        this.keyframes = keyframes;
        this.pictures = pictures;
    }

    /**
     * Seeks to {@code target} (seconds) and prepares the keyframe decoder with the given frame
     * skipping and in-loop filtering ({@code AVDISCARD_*}); from here on it is the decoder in use.
     */
    void seek(double target, int skipFrame, int loopFilter) throws VideoException {
        seeker.seek(target);
        keyframes.prepare(skipFrame, loopFilter);
    }

    /**
     * After {@link #seek}: decodes the key packet presented at {@code target} (within {@code half}
     * seconds) alone, leaving the picture in {@link Pictures#latest()}. Returns its timestamp, or NaN
     * when that packet is not met right after the seek or yields no picture.
     */
    double decode(double target, double half) throws VideoException {
        for (int n = 0; n < MAX_PACKETS && packets.read(true); n++) {
            double pts = keyframes.decodePacket();
            if (Double.isNaN(pts)) {
                continue;
            }
            if (Math.abs(pts - target) <= half) {
                return pts;
            }
            avutil.av_frame_unref(pictures.latest());
            if (pts > target) {
                break;
            }
        }
        return Double.NaN;
    }
}
