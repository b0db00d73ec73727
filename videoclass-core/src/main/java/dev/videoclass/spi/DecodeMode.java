package dev.videoclass.spi;

/** Which frames a {@link FrameSource} decodes for analysis. */
public enum DecodeMode {
    /** Every frame, in presentation order (exact scene detection). */
    ALL_FRAMES,
    /** Only the coded key (intra) frames, in presentation order: an order of magnitude cheaper. */
    KEYFRAMES_ONLY
}
