package dev.videoclass.scene.internal;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.SceneCut;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;

/**
 * The decode runs of one refinement, sharing one {@link SceneDetector.Stream#FRAMES} detector, which
 * this object owns: where the last run stopped, so that frames skipped between two runs count
 * towards the minimum scene length ({@link SceneDetector#skip}), and a stretch still pending when
 * the decoded frames end is resolved ({@link SceneDetector#flush}) unless the stream itself ended
 * there. Cuts go to the refinement's {@link CutList}. Not thread safe.
 */
final class DecodeRun {
    private final FrameSource source;
    private final SceneDetector detector;
    private final double fps;
    private final CutList cuts;
    private final FrameSharpness sharpness = new FrameSharpness();
    private double lastFed = Double.NaN;
    private boolean endOfStream;
    private boolean open;

    DecodeRun(FrameSource source, SceneDetector detector, double fps, CutList cuts) {
        this.source = source;
        this.detector = detector;
        this.fps = fps;
        this.cuts = cuts;
    }

    /**
     * Ends the current stretch and starts a new one: from the first frame of the video exactly as
     * the exact pass starts, later as a stream that continues after unknown frames
     * ({@link SceneDetector#resume}).
     */
    void restart(boolean atStreamStart) {
        close();
        if (atStreamStart) {
            detector.reset();
        } else {
            detector.resume(cuts.size() > 0);
        }
    }

    /** Counts the frames between the last one fed and {@code pts} as skipped. */
    void skipTo(double pts) {
        if (!Double.isNaN(lastFed)) {
            detector.skip(Math.round((pts - lastFed) * fps) - 1);
        }
    }

    /** Ends the current stretch of fed frames: resolves what is pending as more of the same content would. */
    void close() {
        if (open && !endOfStream) {
            for (SceneCut cut : detector.flush()) {
                cuts.add(cut);
            }
        }
        open = false;
        endOfStream = false;
        lastFed = Double.NaN;
    }

    /**
     * Decodes every frame from {@code a} to {@code b} ({@code seek(a, ALL_FRAMES)}, seconds) through
     * the detector. With {@code cand} its frames become representative candidates. Returns the
     * number of frames analysed.
     */
    long decode(double a, double b, Candidates cand) throws VideoException {
        source.seek(a, DecodeMode.ALL_FRAMES);
        open = true;
        long analysed = 0;
        double fedHere = Double.NaN;
        Frame f;
        boolean reachedEnd = true;
        while ((f = source.next()) != null) {
            double pts = f.ptsSeconds();
            if (pts < a - Sorted.EPS || (!Double.isNaN(fedHere) && pts <= fedHere)) {
                continue; // leading pictures of an open GOP, or a repeated timestamp
            }
            if (pts > b + Sorted.EPS) {
                reachedEnd = false;
                break;
            }
            fedHere = pts;
            lastFed = pts;
            analysed++;
            SceneCut cut = detector.feed(f);
            if (cand != null) {
                cand.add(pts, sharpness.of(f), f.isKeyframe());
            }
            if (cut != null) {
                cuts.add(cut);
            }
            if (pts >= b - Sorted.EPS) {
                reachedEnd = false;
                break; // no need to decode the next frame
            }
        }
        endOfStream = reachedEnd;
        return analysed;
    }
}
