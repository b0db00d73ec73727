package dev.videoclass.live;

import dev.videoclass.Frame;
import dev.videoclass.VideoException;

/**
 * One connection to a live stream, decoding its video picture by picture. Used by one thread; owns
 * its native resources until {@link #close()}, which may be called more than once.
 */
public interface LiveSource extends AutoCloseable {

    /**
     * Decodes the next picture. Returns false when the stream ended (the server closed it, an HLS
     * playlist ended).
     *
     * @throws VideoException when reading fails or {@link LiveOpenOptions#stop()} answered true
     */
    boolean advance() throws VideoException;

    /** The current picture's presentation time, seconds from the start of this connection's stream. */
    double ptsSeconds();

    /** The stream's declared frame rate, frames per second (0 when unknown). */
    double frameRate();

    /**
     * The current picture scaled to {@link LiveOpenOptions#analysisWidth()} pixels wide, for scene
     * detection; its pixel array is reused by the next call.
     */
    Frame analysisFrame() throws VideoException;

    /**
     * The current picture upright at display size, its long side capped at {@code maxSide} pixels
     * (0: no cap), as a new frame the caller owns: what a keyframe capture gives for a file.
     */
    Frame capture(int maxSide) throws VideoException;

    @Override
    void close();
}
