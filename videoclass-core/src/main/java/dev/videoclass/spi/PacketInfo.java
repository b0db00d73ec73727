package dev.videoclass.spi;

import dev.videoclass.Frame;

/**
 * One coded video packet as the demuxer delivered it, without its payload: what a
 * {@link FrameSource} can tell about the stream at no decoding cost.
 *
 * <p>Packet sizes say a lot about content: a picture coded without reference to earlier ones
 * (an I-frame, or an inter picture made mostly of intra blocks, which is what an encoder produces at a
 * scene cut it did not mark as a key frame) is several times larger than the predicted pictures
 * around it.
 *
 * @param ptsS      presentation time in seconds on the same clock as {@link Frame#ptsSeconds()} (the
 *                  video stream's start time is 0); {@link Double#NaN} when the container gives none
 * @param sizeBytes size of the coded packet in bytes
 * @param key       whether the container flags the packet as a key frame (a random access point)
 */
public record PacketInfo(double ptsS, int sizeBytes, boolean key) {
}
