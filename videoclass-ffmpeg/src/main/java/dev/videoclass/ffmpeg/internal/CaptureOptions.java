package dev.videoclass.ffmpeg.internal;

/**
 * How {@link FrameCapture} captures a frame. {@link #DEFAULT} is what
 * {@link dev.videoclass.spi.FrameSource#capture(double, int)} does; the other combinations let the two
 * capture paths and the tone mapping be measured against each other.
 *
 * @param fromKeyPacket a key frame is decoded from its packet alone when its packet has been read
 *                      (else every frame is decoded from the start of its GOP)
 * @param toneMapHdr    HDR pictures are tone-mapped to SDR BT.709 (else converted as they are)
 */
record CaptureOptions(boolean fromKeyPacket, boolean toneMapHdr) {
    static final CaptureOptions DEFAULT = new CaptureOptions(true, true);
}
