package dev.videoclass;

/**
 * What a probe tells about a video before decoding it.
 *
 * @param durationS      duration in seconds (container or stream, whichever is known), 0 if unknown
 * @param frameRate      average frame rate in frames per second, 0 if unknown
 * @param frameCount     number of video frames if the container says, else an estimate or 0
 * @param container      demuxer name, e.g. {@code "mov,mp4,m4a,3gp,3g2,mj2"}
 * @param codec          video codec name, e.g. {@code "hevc"}
 * @param width          display width in pixels: sample aspect ratio applied, rotation applied
 * @param height         display height in pixels, like {@code width}
 * @param codedWidth     width of the coded pictures in pixels
 * @param codedHeight    height of the coded pictures in pixels
 * @param rotation       clockwise rotation in degrees (0, 90, 180, 270) applied to make frames upright
 * @param bitRate        overall bit rate in bits per second, 0 if unknown
 * @param hasAudio       whether an audio stream is present
 * @param sizeBytes      size of the input in bytes
 */
public record VideoInfo(
        double durationS,
        double frameRate,
        long frameCount,
        String container,
        String codec,
        int width,
        int height,
        int codedWidth,
        int codedHeight,
        int rotation,
        long bitRate,
        boolean hasAudio,
        long sizeBytes) {
}
