package dev.videoclass.live.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.ImageClassifier;
import dev.videoclass.Judgement;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.VideoException;
import dev.videoclass.image.FrameOps;
import dev.videoclass.image.Images;
import dev.videoclass.image.ResampleFilter;
import dev.videoclass.live.DecidingFrame;
import dev.videoclass.live.WindowEvent;
import dev.videoclass.spi.AggregateVerdict;
import dev.videoclass.spi.Aggregator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns judged samples into window events. Each sample is judged on arrival through the image path
 * ({@link ImageClassifier#judge}: the scorer's {@code prepare}, one scoring call, the rubric), and
 * kept as a keyframe verdict of its window; a window that is complete (the watermark passed it, or
 * its session ended) is aggregated with the classifier's {@link Aggregator} into one event.
 *
 * <p>Holds the windows of the current session only (one or two at a time) and, per window, the
 * pixels of one frame: the best deciding candidate so far. Used by the scoring thread alone.
 */
final class WindowAssembler {
    /** JPEG quality of deciding-frame thumbnails, 0–1. */
    private static final float THUMBNAIL_QUALITY = 0.8f;

    private final String url;
    private final MonitorState state;
    private final ImageClassifier images;
    private final Aggregator aggregator;
    private final double windowS;
    private final int thumbnailMaxSide;
    private final TreeMap<Long, OpenWindow> open = new TreeMap<>();
    private long session = -1;
    private double sessionLastPts;
    private long droppedReported;

    /** One window being filled. */
    private static final class OpenWindow {
        final double start;
        final Instant startTime;
        final List<KeyframeVerdict> verdicts = new ArrayList<>();
        Sample best;
        double bestScore = -1;

        OpenWindow(Sample first) {
            this.start = first.windowStart();
            this.startTime = first.wallTime().minusNanos(Math.round((first.ptsS() - first.windowStart()) * 1e9));
        }
    }

    WindowAssembler(String url, MonitorState state, ImageClassifier images, Aggregator aggregator, double windowS,
                    int thumbnailMaxSide) {
        this.url = url;
        this.state = state;
        this.images = images;
        this.aggregator = aggregator;
        this.windowS = windowS;
        this.thumbnailMaxSide = thumbnailMaxSide;
    }

    /**
     * Judges {@code s} and files it under its window. A sample of a newer session first completes
     * every window of the previous one, into {@code out}.
     *
     * @throws VideoException when the scorer fails on it (it is then left out)
     */
    void add(Sample s, long droppedTotal, List<WindowEvent> out) throws VideoException {
        if (s.session() != session) {
            completeAll(droppedTotal, out);
            session = s.session();
        }
        sessionLastPts = Math.max(sessionLastPts, s.ptsS());
        Judgement j;
        try {
            j = images.judge(s.frame());
        } catch (RuntimeException e) {
            throw new VideoException(ErrorCode.SCORER_FAILED, "the scorer failed: " + e, e);
        }
        OpenWindow w = open.computeIfAbsent(s.window(), k -> new OpenWindow(s));
        w.verdicts.add(new KeyframeVerdict(s.ptsS(), j));
        if (j.explicitScore() > w.bestScore) {
            w.bestScore = j.explicitScore();
            w.best = s;
        }
    }

    /** Completes the windows that {@code mark} shows to be over, into {@code out}. */
    void complete(Watermark mark, long droppedTotal, List<WindowEvent> out) {
        if (mark.session() == session) {
            sessionLastPts = Math.max(sessionLastPts, mark.ptsS());
            if (mark.ended()) {
                completeAll(droppedTotal, out);
                return;
            }
            Iterator<Map.Entry<Long, OpenWindow>> it = open.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, OpenWindow> e = it.next();
                if (e.getKey() >= mark.window()) {
                    break;
                }
                out.add(event(e.getValue(), e.getValue().start + windowS, droppedTotal));
                it.remove();
            }
        } else if (mark.session() > session) {
            completeAll(droppedTotal, out);
        }
    }

    /** Completes every open window; one cut short ends where its session ended. */
    void completeAll(long droppedTotal, List<WindowEvent> out) {
        Double ended = state.takeSessionEnd(session);
        double last = ended != null ? Math.max(ended, sessionLastPts) : sessionLastPts;
        for (OpenWindow w : open.values()) {
            out.add(event(w, Math.min(w.start + windowS, Math.max(last, w.start)), droppedTotal));
        }
        open.clear();
    }

    private WindowEvent event(OpenWindow w, double end, long droppedTotal) {
        AggregateVerdict agg = aggregator.aggregate(w.verdicts, images.rubric());
        Instant endTime = w.startTime.plusNanos(Math.round((end - w.start) * 1e9));
        long dropped = droppedTotal - droppedReported;
        droppedReported = droppedTotal;
        return new WindowEvent(url, w.start, end, w.startTime, endTime, agg.judgement(), agg.evidence(),
                w.verdicts.size(), dropped, deciding(w.best));
    }

    private DecidingFrame deciding(Sample best) {
        if (thumbnailMaxSide == 0) {
            return new DecidingFrame(best.ptsS(), null, 0, 0);
        }
        Frame thumb = FrameOps.fitLongSide(best.frame(), thumbnailMaxSide, ResampleFilter.BILINEAR);
        return new DecidingFrame(best.ptsS(), Images.encodeJpeg(thumb, THUMBNAIL_QUALITY), thumb.width(), thumb.height());
    }
}
