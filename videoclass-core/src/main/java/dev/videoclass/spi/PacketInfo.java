package dev.videoclass.spi;

import dev.videoclass.Frame;

import java.util.Objects;

/**
 * One coded video packet as the demuxer delivered it, without its payload: what a
 * {@link FrameSource} can tell about the stream at no decoding cost.
 *
 * <p>Packet sizes say a lot about content: a picture coded without reference to earlier ones
 * (an I-frame, or an inter picture made mostly of intra blocks, which is what an encoder produces at a
 * scene cut it did not mark as a key frame) is several times larger than the predicted pictures
 * around it. The picture type, where the source can read it from the packet's headers, says which
 * pictures are comparable: P pictures with P pictures, and an intra picture without the key flag is
 * one the encoder chose to code without references, as x264 and x265 do at a scene cut too close
 * to the last key frame.
 *
 * @param ptsS      presentation time in seconds on the same clock as {@link Frame#ptsSeconds()} (the
 *                  video stream's start time is 0); {@link Double#NaN} when the container gives none
 * @param sizeBytes size of the coded packet in bytes
 * @param key       whether the container flags the packet as a key frame (a random access point)
 * @param type      the coding type of the packet's picture, {@link PictureType#UNKNOWN} when the
 *                  source does not read it
 */
public record PacketInfo(double ptsS, int sizeBytes, boolean key, PictureType type) {

    /** How a packet's picture is coded, as its slice or frame header says. */
    public enum PictureType {
        /** Intra: decodable on its own. */
        I,
        /** Predicted from earlier pictures. */
        P,
        /** Bi-predicted. */
        B,
        /** The source does not say. */
        UNKNOWN
    }

    public PacketInfo {
        Objects.requireNonNull(type, "type");
    }

    /** A packet whose picture type is not known. */
    public PacketInfo(double ptsS, int sizeBytes, boolean key) {
        this(ptsS, sizeBytes, key, PictureType.UNKNOWN);
    }
}
