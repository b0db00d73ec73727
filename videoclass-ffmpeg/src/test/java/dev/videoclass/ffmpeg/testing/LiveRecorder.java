package dev.videoclass.ffmpeg.testing;

import dev.videoclass.live.GapEvent;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveListener;
import dev.videoclass.live.SampledFrame;
import dev.videoclass.live.TransitionEvent;
import dev.videoclass.live.WindowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * For live tests and measurements: keeps every event a monitor reports, when windows and transitions
 * arrived, and the stream times of sampled frames (never their pixels). Thread safe.
 */
public final class LiveRecorder implements LiveListener {
    public final List<WindowEvent> windows = new CopyOnWriteArrayList<>();
    /** When each of {@link #windows} arrived, in the same order. */
    public final List<Instant> windowArrivals = new CopyOnWriteArrayList<>();
    public final List<TransitionEvent> transitions = new CopyOnWriteArrayList<>();
    /** When each of {@link #transitions} arrived, in the same order. */
    public final List<Instant> transitionArrivals = new CopyOnWriteArrayList<>();
    public final List<GapEvent> gaps = new CopyOnWriteArrayList<>();
    public final List<LiveError> errors = new CopyOnWriteArrayList<>();
    /** Stream times of the sampled frames, seconds. */
    public final List<Double> framePts = new CopyOnWriteArrayList<>();

    @Override
    public void onWindow(WindowEvent w) {
        windows.add(w);
        windowArrivals.add(Instant.now());
    }

    @Override
    public void onTransition(TransitionEvent t) {
        transitions.add(t);
        transitionArrivals.add(Instant.now());
    }

    @Override
    public void onGap(GapEvent g) {
        gaps.add(g);
    }

    @Override
    public void onError(LiveError e) {
        errors.add(e);
    }

    @Override
    public void onFrame(SampledFrame f) {
        framePts.add(f.ptsS());
    }

    /** Waits (at most {@code max}) for {@code n} windows. */
    public void awaitWindows(int n, Duration max) throws InterruptedException {
        await(max, () -> windows.size() >= n, () -> n + " windows; errors " + errors);
    }

    /** Waits (at most {@code max}) until {@code done}; fails with {@code what} when it does not come. */
    public static void await(Duration max, BooleanSupplier done, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + max + " waiting for " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
