package dev.videoclass.calibrate;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Encodes a still picture (PNG or JPEG file) into a short video the way phones do
 * ({@link PhoneEncoding}), so that the calibration can score the same picture on the image path and on
 * the video path.
 *
 * <p>The video shows the picture unchanged in every frame, at its own size (no scaling, no
 * cropping), at {@value PhoneEncoding#FRAME_RATE} frames per second, upright as the image path
 * decodes it ({@link dev.videoclass.image.Images#decode}): a JPEG's EXIF orientation is applied, so a
 * sideways 4032x3024 photo becomes a 3024x4032 video.
 *
 * <p>Implementations are thread safe: concurrent calls with different output files are allowed.
 */
public interface StillVideoEncoder {

    /**
     * Encodes {@code picture} into {@code out}, replacing {@code out} if it exists.
     *
     * @param picture  a PNG or JPEG file; its width and height in pixels must both be even, because
     *                 the video is 4:2:0 ({@code yuv420p}) and a phone never writes odd sizes
     * @param encoding codec, container and colour encoding; {@code out} should carry its
     *                 {@link PhoneEncoding#extension()} (the container is chosen by {@code encoding},
     *                 not by the name)
     * @param seconds  duration of the video in seconds, positive (e.g. {@code 1.0} gives 30 frames)
     * @param out      the video file to write; its directory must exist
     * @throws IllegalArgumentException when the picture's width or height is odd, the picture is not a
     *                                  PNG or JPEG, or {@code seconds} is not a positive finite number
     * @throws IOException              when the picture cannot be read or the encoder fails or times out;
     *                                  the message is one line and includes the encoder's last error
     *                                  line. No partial {@code out} is left behind.
     */
    void encode(Path picture, PhoneEncoding encoding, double seconds, Path out) throws IOException;
}
