package dev.videoclass.live.internal;

import dev.videoclass.Frame;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.VideoException;
import dev.videoclass.live.GapEvent;
import dev.videoclass.live.LiveDecoder;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveOpenOptions;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.live.LiveSource;
import dev.videoclass.live.SampledFrame;
import dev.videoclass.live.StreamPolicy;
import dev.videoclass.scene.SceneDetector;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The reading thread of a monitor: connects, decodes every picture, samples some (cadence, scene
 * changes, at most so many per window) and queues them for scoring, publishing a watermark after
 * each picture. A lost connection (closed, failed, or no picture for {@link LiveSettings#stallS()})
 * is reported and reopened after an exponential backoff with jitter; the first connection failing,
 * or {@link LiveSettings#maxReconnects()} failed attempts in a row, end the monitor with a fatal
 * error. A backwards timestamp jump (a restarted encoder) starts a new session, like a reconnection.
 */
public final class StreamReader implements Runnable {
    /** A timestamp this many seconds before the previous one starts a new session. */
    private static final double BACKWARD_JUMP_S = 1.0;
    /** Distinct refusal messages reported per connection; more are counted, not repeated. */
    private static final int MAX_REFUSALS_REPORTED = 32;

    /** Why a connection ended, and what it achieved. */
    private record Outcome(LiveError.Kind kind, String message, boolean opened, long frames, Instant lastFrame) {
    }

    private final LiveDecoder decoder;
    private final StreamPolicy policy;
    private final LiveSettings settings;
    private final SamplingPolicy sampling;
    private final int analysisWidth;
    private final long maxPixels;
    private final MonitorState state;
    private final SampleQueue queue;
    private final Listeners listeners;
    private final Backoff backoff;
    private final String url;
    private volatile boolean done;
    private volatile boolean stalled;
    private long session;
    private Instant gapFrom;
    private GapEvent.Reason gapReason;
    private int attempt;

    public StreamReader(LiveDecoder decoder, StreamPolicy policy, LiveSettings settings, SamplingPolicy sampling,
                        int analysisWidth, long maxPixels, MonitorState state, SampleQueue queue, Listeners listeners,
                        Backoff backoff) {
        this.decoder = decoder;
        this.policy = policy;
        this.settings = settings;
        this.sampling = sampling;
        this.analysisWidth = analysisWidth;
        this.maxPixels = maxPixels;
        this.state = state;
        this.queue = queue;
        this.listeners = listeners;
        this.backoff = backoff;
        this.url = policy.redacted();
    }

    /** Whether the thread has finished (its last watermark is published). */
    public boolean done() {
        return done;
    }

    @Override
    public void run() {
        try {
            connectLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) { // natives that do not load included
            fail(LiveError.Kind.INTERNAL, "the monitor failed: " + e);
        } finally {
            state.connected(false);
            state.publish(new Watermark(session, Long.MAX_VALUE, state.watermark().ptsS(), Instant.now(), true));
            done = true;
        }
    }

    private void connectLoop() throws InterruptedException {
        boolean everOpened = false;
        while (!state.stopping()) {
            if (attempt > 0 && state.awaitStop(backoff.delayMillis(attempt))) {
                return;
            }
            Outcome o = connection();
            if (state.stopping()) {
                return;
            }
            if (!everOpened && !o.opened()) {
                fail(o.kind() == LiveError.Kind.REFUSED ? LiveError.Kind.REFUSED : LiveError.Kind.UNREACHABLE, o.message());
                return;
            }
            everOpened = true;
            if (o.frames() > 0) {
                attempt = 0;
                gapFrom = o.lastFrame();
                gapReason = o.kind() == LiveError.Kind.STALLED ? GapEvent.Reason.STALLED
                        : o.kind() == LiveError.Kind.ENDED ? GapEvent.Reason.ENDED : GapEvent.Reason.DISCONNECTED;
                listeners.error(new LiveError(url, o.kind(), o.message(), false, Instant.now()));
            } else {
                listeners.error(new LiveError(url, o.kind(), "connection attempt " + Math.max(1, attempt)
                        + " failed: " + o.message(), false, Instant.now()));
            }
            attempt++;
            if (attempt > settings.maxReconnects()) {
                fail(LiveError.Kind.GAVE_UP, "gave up after " + settings.maxReconnects()
                        + " failed reconnection attempts in a row: " + o.message());
                return;
            }
        }
    }

    /** One connection, from opening to its end. */
    private Outcome connection() {
        Set<String> refusals = new LinkedHashSet<>();
        stalled = false;
        state.progress();
        LiveOpenOptions options = new LiveOpenOptions(policy, analysisWidth, maxPixels, this::shouldStop,
                reason -> refused(refusals, reason));
        LiveSource source;
        try {
            source = decoder.open(options);
        } catch (VideoException | RuntimeException e) {
            LiveError.Kind kind = !refusals.isEmpty() ? LiveError.Kind.REFUSED
                    : stalled ? LiveError.Kind.STALLED : LiveError.Kind.DISCONNECTED;
            String why = String.valueOf(e.getMessage());
            if (!refusals.isEmpty() && refusals.stream().noneMatch(why::contains)) {
                why += " (" + refusals.iterator().next() + ")";
            }
            return new Outcome(kind, "cannot open " + url + ": " + why, false, 0, null);
        }
        if (attempt > 0) {
            state.reconnects.incrementAndGet();
        }
        state.connected(true);
        session++;
        Frames frames = new Frames();
        try (source) {
            return read(source, frames);
        } catch (VideoException | RuntimeException e) {
            LiveError.Kind kind = stalled ? LiveError.Kind.STALLED : LiveError.Kind.DISCONNECTED;
            String why = stalled ? "no frame for " + settings.stallS() + " s" : e.getMessage();
            return new Outcome(kind, "lost " + url + ": " + why, true, frames.count, frames.lastWall);
        } finally {
            state.connected(false);
            endSession(frames.lastPts);
        }
    }

    /** Progress of one connection. */
    private static final class Frames {
        long count;
        double lastPts = Double.NaN;
        Instant lastWall;
        FrameSampler sampler;
        SceneDetector detector;
        /** Windows below this one are complete. */
        long complete;
        /** Seconds between frames (0 when the rate is unknown: a window then waits for the next one's first frame). */
        double frameInterval;
    }

    private Outcome read(LiveSource source, Frames f) throws VideoException {
        while (!state.stopping()) {
            if (!source.advance()) {
                return new Outcome(LiveError.Kind.ENDED, "the stream " + url + " ended", true, f.count, f.lastWall);
            }
            state.progress();
            state.decoded.incrementAndGet();
            Instant now = Instant.now();
            double pts = source.ptsSeconds();
            if (f.count == 0) {
                backOnline(now);
            }
            if (f.sampler == null || pts < f.lastPts - BACKWARD_JUMP_S) {
                newSession(source, f, pts);
            }
            boolean cut = f.detector != null && f.detector.feed(source.analysisFrame()) != null;
            // a window already declared complete takes no more frames (a frame rate that wobbles)
            long window = Math.max(f.sampler.windowIndex(pts), f.complete);
            if (f.sampler.take(pts, cut)) {
                Frame frame = source.capture(0);
                state.sampled.incrementAndGet();
                listeners.frame(new SampledFrame(url, pts, now, frame));
                queue.offer(new Sample(session, window, f.sampler.windowStart(window), pts, now, frame));
            }
            // the last frame of a window completes it: no need to wait for the next one (a segment later in HLS)
            f.complete = Math.max(window, f.sampler.windowIndex(pts + f.frameInterval));
            state.publish(new Watermark(session, f.complete, pts, now, false));
            f.count++;
            f.lastPts = pts;
            f.lastWall = now;
        }
        return new Outcome(LiveError.Kind.DISCONNECTED, "stopped", true, f.count, f.lastWall);
    }

    /** Starts the sampling grid (and scene detection) of a new session at {@code pts}. */
    private void newSession(LiveSource source, Frames f, double pts) {
        if (f.sampler != null) {
            endSession(f.lastPts);
            session++;
        }
        f.sampler = new FrameSampler(pts, settings.everyS(), settings.windowS(), settings.maxKeyframes());
        f.complete = 0;
        f.frameInterval = source.frameRate() > 0 && source.frameRate() < 1000 ? 1 / source.frameRate() : 0;
        double fps = source.frameRate() > 0 ? source.frameRate() : 30;
        f.detector = settings.sceneChanges()
                ? sampling.detector().create(sampling, SceneDetector.Stream.FRAMES, fps) : null;
    }

    private void endSession(double lastPts) {
        state.endSession(session, lastPts);
        state.publish(new Watermark(session, Long.MAX_VALUE, lastPts, Instant.now(), true));
    }

    /** The first picture of a connection: a pending gap is over. */
    private void backOnline(Instant now) {
        if (gapFrom != null) {
            listeners.gap(new GapEvent(url, gapReason, gapFrom, now, attempt));
            gapFrom = null;
        }
    }

    private void refused(Set<String> seen, String reason) {
        if (seen.size() < MAX_REFUSALS_REPORTED && seen.add(reason)) {
            listeners.error(new LiveError(url, LiveError.Kind.REFUSED, reason, false, Instant.now()));
        }
    }

    private boolean shouldStop() {
        if (state.stopping()) {
            return true;
        }
        if (state.sinceProgressNanos() > settings.stallS() * 1e9) {
            stalled = true;
            return true;
        }
        return false;
    }

    private void fail(LiveError.Kind kind, String message) {
        LiveError e = new LiveError(url, kind, message, true, Instant.now());
        state.fatal(e);
        listeners.error(e);
    }
}
