package dev.videoclass.live;

import dev.videoclass.VideoException;
import java.util.Set;

/**
 * Opens live streams: the plug-in point between {@link LiveMonitor} and a decoding library
 * ({@code FfmpegLiveDecoder} in videoclass-ffmpeg). Implementations are thread safe: one instance
 * serves any number of monitors, each connection getting its own {@link LiveSource}.
 *
 * <p><b>Contract.</b> {@link #open} connects to {@link LiveOpenOptions#policy()}'s URL and to nothing
 * its policy refuses: every further URL the stream points at is checked with
 * {@link StreamPolicy#refusal} before anything is opened for it, refusals are reported to
 * {@link LiveOpenOptions#refused()}, and redirects are not followed to refused places: no
 * connection is made to a refused redirect target. Local files and devices are never opened. Blocking work (connecting, reading) ends soon (well under a second)
 * after {@link LiveOpenOptions#stop()} answers true, with a {@link VideoException}.
 *
 * <p>Example: a decoder that replays pictures already in memory at 30 fps (a test double, or frames
 * that arrive through another library); it opens nothing, so it has no policy to enforce.
 * <pre>{@code
 * final class Replay implements LiveDecoder {
 *     private final List<Frame> pictures; // upright RGB, already at the analysis width
 *
 *     Replay(List<Frame> pictures) { this.pictures = List.copyOf(pictures); }
 *
 *     public Set<StreamPolicy.Scheme> schemes() { return EnumSet.allOf(StreamPolicy.Scheme.class); }
 *
 *     public LiveSource open(LiveOpenOptions options) {
 *         return new LiveSource() {
 *             private int i = -1;
 *             public boolean advance() throws VideoException {
 *                 if (options.stop().getAsBoolean()) {
 *                     throw new VideoException(ErrorCode.CANCELLED, "stopped");
 *                 }
 *                 return ++i < pictures.size();
 *             }
 *             public double ptsSeconds() { return i / 30.0; }
 *             public double frameRate() { return 30; }
 *             public Frame analysisFrame() { return pictures.get(i); }
 *             public Frame capture(int maxSide) { return pictures.get(i); }
 *             public void close() { }
 *         };
 *     }
 * }
 * }</pre>
 */
public interface LiveDecoder {

    /** The stream schemes this decoder can open (an FFmpeg build without SRT leaves it out). */
    Set<StreamPolicy.Scheme> schemes();

    /**
     * Connects, probes the stream and gets ready to decode its video.
     *
     * @throws VideoException when the stream cannot be opened (refused, unreachable, no video) or
     *                        {@code stop} answered true; the message says why in one line
     */
    LiveSource open(LiveOpenOptions options) throws VideoException;
}
