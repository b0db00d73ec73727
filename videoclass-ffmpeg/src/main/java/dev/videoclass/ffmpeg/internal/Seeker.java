package dev.videoclass.ffmpeg.internal;

import dev.videoclass.VideoException;

/**
 * Moves a source to a new position: the demuxer seeks to the key frame at or before the time, both
 * decoders drop what they hold, timestamps and the shared pictures start afresh. Holds no state of
 * its own; not thread safe (the parts it moves are not).
 */
final class Seeker {
    private final PacketReader packets;
    private final StreamDecoder frames;
    private final KeyframeDecoder keyframes;
    private final FrameClock clock;
    private final Pictures pictures;

    Seeker(PacketReader packets, StreamDecoder frames, KeyframeDecoder keyframes, FrameClock clock,
           Pictures pictures) {
        this.packets = packets;
        this.frames = frames;
        this.keyframes = keyframes;
        this.clock = clock;
        this.pictures = pictures;
    }

    /** Seeks to the key frame at or before {@code ptsSeconds} (seconds from the stream start). */
    void seek(double ptsSeconds) throws VideoException {
        packets.seek(ptsSeconds);
        frames.flush();
        keyframes.flush();
        clock.reset();
        pictures.clear();
    }
}
