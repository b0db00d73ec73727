package dev.videoclass.spi;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInfo;
import java.util.List;

/**
 * An opened video: analysis frames in presentation order, seeking, and full-quality capture of
 * single frames. One source is used by one thread at a time. {@link #close()} releases all native
 * resources and is safe to call more than once.
 */
public interface FrameSource extends AutoCloseable {

    /** Facts from the probe. */
    VideoInfo info();

    /**
     * The next analysis frame in presentation order, or {@code null} at the end. Analysis frames are
     * small ({@link DecodeOptions#analysisWidth()} wide), not rotated, and their pixel array is reused
     * by the next call. Their timestamps are presentation times in seconds (correct for variable
     * frame rate).
     *
     * @throws VideoException on timeout ({@link ErrorCode#TIMEOUT}) or cancellation
     *                        ({@link ErrorCode#CANCELLED}); a corrupt packet is skipped, not thrown
     */
    Frame next() throws VideoException;

    /**
     * Repositions the source so that {@link #next()} returns, in {@code mode}, frames whose
     * timestamp is at or after the key frame at or before {@code ptsSeconds}. Use it to switch
     * between keyframe-only and all-frame decoding or to re-read a stretch of the video.
     */
    void seek(double ptsSeconds, DecodeMode mode) throws VideoException;

    /**
     * Decodes the frame shown at {@code ptsSeconds} (the last frame whose timestamp is not after it)
     * as an upright, display-aspect RGB frame whose long side is at most {@code maxSide} pixels
     * ({@code 0}: the display size). The returned frame is owned by the caller. Leaves the position
     * of {@link #next()} unspecified.
     */
    Frame capture(double ptsSeconds, int maxSide) throws VideoException;

    /** Number of frames decoded so far by this source (analysis and capture). */
    long framesDecoded();

    /**
     * The video packets this source has demuxed so far, in decode order, each listed once (a stretch
     * read again after a {@link #seek} is not listed twice). A keyframe-only pass reads every packet
     * (it decodes only the key ones), so after one the list covers the whole stream at no extra I/O.
     * The list is a snapshot owned by the caller; later reads do not change it.
     *
     * <p>The default returns an empty list: the source does not report packets, and callers must not
     * conclude anything from its absence.
     */
    default List<PacketInfo> packetsRead() {
        return List.of();
    }

    /**
     * Reads the video stream's packets without decoding them, from where the demuxer is up to the
     * first packet presented after {@code untilSeconds} ({@link Double#POSITIVE_INFINITY}: to the end),
     * so that {@link #packetsRead()} then covers the stream at least that far: a demux pass,
     * milliseconds where a keyframe pass decodes every I-frame. With {@link #keyframe} it lets a
     * sampler decide from the packets which I-frames are worth decoding, so a source that returns
     * true here must also implement {@link #keyframe}. Afterwards {@link #next()} needs a
     * {@link #seek}.
     *
     * @return false when the source cannot do this (the default); nothing was read then
     */
    default boolean scanPackets(double untilSeconds) throws VideoException {
        return false;
    }

    /**
     * Decodes the key frame presented at {@code ptsSeconds} (within half a frame) on its own, as the
     * analysis frame a keyframe-only {@link #next()} returns for it: same size, same pixels, buffer
     * reused by the next call. Leaves the position of {@link #next()} unspecified.
     *
     * @return the frame, or null when no key frame is presented there, it cannot be decoded, or the
     *         source cannot decode single key frames (the default)
     */
    default Frame keyframe(double ptsSeconds) throws VideoException {
        return null;
    }

    @Override
    void close();
}
