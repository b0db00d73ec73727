package dev.videoclass.ffmpeg.live;

import dev.videoclass.ffmpeg.testing.LiveEncoder;
import dev.videoclass.live.GapEvent;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveListener;
import dev.videoclass.live.TransitionEvent;
import dev.videoclass.live.WindowEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Helpers of the live tests: waiting with a bound, recording events. */
final class LiveTesting {
    private LiveTesting() {
    }

    /** Waits (at most 30 s) until {@code dir} holds {@code n} finished segments. */
    static void awaitSegments(Path dir, int n, LiveEncoder encoder) throws Exception {
        await(Duration.ofSeconds(30), () -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.toString().endsWith(".ts")).count() >= n && Files.exists(dir.resolve("live.m3u8"));
            } catch (IOException e) {
                return false;
            }
        }, () -> "segments in " + dir + "; encoder: " + encoder.log());
    }

    static void await(Duration max, BooleanSupplier done, java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + max + " waiting for " + what.get());
            }
            Thread.sleep(50);
        }
    }

    /** Keeps every event. */
    static final class Recorder implements LiveListener {
        final List<WindowEvent> windows = new CopyOnWriteArrayList<>();
        final List<TransitionEvent> transitions = new CopyOnWriteArrayList<>();
        final List<GapEvent> gaps = new CopyOnWriteArrayList<>();
        final List<LiveError> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onWindow(WindowEvent w) {
            windows.add(w);
        }

        @Override
        public void onTransition(TransitionEvent t) {
            transitions.add(t);
        }

        @Override
        public void onGap(GapEvent g) {
            gaps.add(g);
        }

        @Override
        public void onError(LiveError e) {
            errors.add(e);
        }

        void awaitWindows(int n, Duration max) throws InterruptedException {
            await(max, () -> windows.size() >= n, () -> n + " windows; errors " + errors);
        }
    }
}
