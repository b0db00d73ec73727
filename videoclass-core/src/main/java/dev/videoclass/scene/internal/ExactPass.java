package dev.videoclass.scene.internal;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.SamplingResult;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;

/**
 * The exact pass ({@code "exact"}, and AUTO's {@code "auto:exact"}): every analysis frame from the
 * start ({@code seek(0, ALL_FRAMES)}, then {@link FrameSource#next()}) goes through a
 * {@link SceneDetector.Stream#FRAMES} detector; frames with a timestamp not after the previous one
 * are skipped. Representatives stream through a {@link SceneFeed}, so no frame is kept.
 */
public final class ExactPass {
    private ExactPass() {
    }

    /** Mode {@code exact}. */
    public static SamplingResult sample(Sampling s) throws VideoException {
        PassResult p = run(s);
        return p.finish(s.policy(), "exact", s.duration(p.lastPts()));
    }

    /**
     * Runs the pass from the start of the video.
     *
     * @throws VideoException {@link ErrorCode#NO_DECODABLE_FRAMES} when no frame decodes
     */
    static PassResult run(Sampling s) throws VideoException {
        FrameSource source = s.source();
        source.seek(0, DecodeMode.ALL_FRAMES);
        SceneFeed feed = new SceneFeed(s.detector(SceneDetector.Stream.FRAMES));
        long analysed = 0;
        double lastPts = Double.NaN;
        Frame f;
        while ((f = source.next()) != null) {
            double pts = f.ptsSeconds();
            if (!Double.isNaN(lastPts) && pts <= lastPts) {
                continue; // out-of-order or duplicate timestamp: not a new frame
            }
            lastPts = pts;
            analysed++;
            feed.feed(f, f.isKeyframe());
        }
        SceneTracker tracker = feed.finish();
        if (analysed == 0) {
            throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no frame could be decoded");
        }
        return new PassResult(tracker, analysed, lastPts);
    }
}
