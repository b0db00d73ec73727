package dev.videoclass.live.internal;

import dev.videoclass.ImageClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.live.TransitionEvent;
import dev.videoclass.live.WindowEvent;
import dev.videoclass.spi.Aggregator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The scoring thread of a monitor: takes samples off the queue, has them judged and filed by the
 * {@link WindowAssembler}, completes windows as the watermark passes them, and reports windows and
 * verdict changes. It reads the watermark before draining the queue, so that every sample of a
 * window the watermark has passed is already queued (or was dropped) when the window is completed;
 * each round scores only what was queued by then, so windows complete while scoring is behind.
 * A failure on one frame or window is reported and the thread goes on; it ends when the monitor
 * stops, or once the reading thread has ended and the queue is empty.
 */
public final class WindowScorer implements Runnable {
    /** Longest wait for a sample before the watermark is looked at again, milliseconds. */
    private static final long POLL_MS = 50;

    private final String url;
    private final MonitorState state;
    private final SampleQueue queue;
    private final WindowAssembler assembler;
    private final Hysteresis hysteresis;
    private final Listeners listeners;
    private final BooleanSupplier readerDone;
    private final List<WindowEvent> completed = new ArrayList<>();

    /**
     * @param url        the stream, for events
     * @param images     the classifier's image path (scorer and rubric)
     * @param aggregator the classifier's aggregator
     * @param settings   window length and thumbnail size
     * @param readerDone whether the reading thread has ended
     */
    public WindowScorer(String url, ImageClassifier images, Aggregator aggregator, LiveSettings settings,
                        MonitorState state, SampleQueue queue, Listeners listeners, BooleanSupplier readerDone) {
        this.url = url;
        this.state = state;
        this.queue = queue;
        this.assembler = new WindowAssembler(url, state, images, aggregator, settings.windowS(), settings.thumbnailMaxSide());
        this.hysteresis = new Hysteresis(settings.hysteresis());
        this.listeners = listeners;
        this.readerDone = readerDone;
    }

    @Override
    public void run() {
        try {
            while (!state.stopping()) {
                // in this order: once the reader is done, the watermark read after it is its last
                boolean lastRound = readerDone.getAsBoolean();
                Watermark mark = state.watermark();
                // the samples queued before the mark are the oldest of these: scoring no more than
                // them lets windows complete even while the reader keeps the queue full
                int queuedBeforeMark = queue.size();
                drain(queue.poll(POLL_MS), queuedBeforeMark);
                step(() -> assembler.complete(mark, queue.dropped(), completed));
                if (lastRound && queue.size() == 0) {
                    step(() -> assembler.completeAll(queue.dropped(), completed));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Scores {@code first} and then up to {@code atMost - 1} more waiting samples. */
    private void drain(Sample first, int atMost) {
        int n = 0;
        for (Sample s = first; s != null && !state.stopping(); s = ++n < atMost ? queue.pollNow() : null) {
            Sample sample = s;
            step(() -> {
                try {
                    assembler.add(sample, queue.dropped(), completed);
                    state.scored.incrementAndGet();
                } catch (VideoException e) {
                    listeners.error(new LiveError(url, LiveError.Kind.SCORER_FAILED,
                            "frame at " + sample.ptsS() + " s left out: " + e.getMessage(), false, Instant.now()));
                }
            });
        }
    }

    /** Runs one step, reports the windows it completed, and turns a bug into an error event. */
    private void step(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            listeners.error(new LiveError(url, LiveError.Kind.INTERNAL, "scoring failed: " + e, false, Instant.now()));
        }
        for (WindowEvent w : completed) {
            report(w);
        }
        completed.clear();
    }

    private void report(WindowEvent w) {
        state.windows.incrementAndGet();
        listeners.window(w);
        if (hysteresis.record(w.isExplicit(), w.startPtsS(), w.startTime())) {
            TransitionEvent.Kind kind = hysteresis.explicit()
                    ? TransitionEvent.Kind.BECAME_EXPLICIT : TransitionEvent.Kind.BECAME_SAFE;
            listeners.transition(new TransitionEvent(url, kind, hysteresis.runStartPts(), hysteresis.runStartTime(),
                    w.explicitScore(), hysteresis.windows()));
        }
    }
}
