package dev.videoclass.live;

import dev.videoclass.ClassifierSettings;
import dev.videoclass.VideoClassifier;
import dev.videoclass.live.internal.Backoff;
import dev.videoclass.live.internal.Listeners;
import dev.videoclass.live.internal.MonitorState;
import dev.videoclass.live.internal.SampleQueue;
import dev.videoclass.live.internal.StreamReader;
import dev.videoclass.live.internal.WindowScorer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one live stream and judges it window by window with a {@link VideoClassifier}'s scorer,
 * rubric and aggregator, exactly as a video's keyframes are judged: frames sampled every
 * {@link LiveSettings#everyS()} seconds (and on scene changes if asked), windows of
 * {@link LiveSettings#windowS()} seconds, one {@link WindowEvent} per window, a
 * {@link TransitionEvent} when the verdict changes, {@link GapEvent}s and {@link LiveError}s for what
 * goes wrong. Where the stream may lead is {@link StreamPolicy}'s to say.
 *
 * <pre>{@code
 * LiveMonitor monitor = LiveMonitor.builder(classifier)          // borrowed, not closed
 *         .decoder(new FfmpegLiveDecoder())
 *         .settings(LiveSettings.builder().every(2).window(10).allowHost("cdn.example.com").build())
 *         .listener(myListener)
 *         .start("https://live.example.com/stream.m3u8");
 * ...
 * monitor.close();                                               // stops within a second
 * }</pre>
 *
 * <p><b>Threads and resources.</b> A monitor runs two daemon threads: one reads and decodes the
 * stream ({@code videoclass-live-read-N}), one scores ({@code videoclass-live-score-N}); between
 * them a queue of at most {@link LiveSettings#queueCapacity()} frames, whose oldest frame is dropped
 * (and counted) when scoring falls behind. Memory is bounded: the queue, two windows' verdicts, one
 * frame per open window. Many monitors may share one classifier (its scorer is thread safe).
 * {@link #close()} stops both threads and releases the connection within about a second. Thread
 * safe.
 */
public final class LiveMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMonitor.class);
    /** How long {@link #close()} waits for the threads, milliseconds. */
    private static final long CLOSE_WAIT_MS = 900;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final String url;
    private final MonitorState state;
    private final SampleQueue queue;
    private final Listeners listeners;
    private final Thread reader;
    private final Thread scorer;

    private LiveMonitor(String url, MonitorState state, SampleQueue queue, Listeners listeners, Thread reader,
                        Thread scorer) {
        this.url = url;
        this.state = state;
        this.queue = queue;
        this.listeners = listeners;
        this.reader = reader;
        this.scorer = scorer;
    }

    /** Starts configuring a monitor that judges with {@code classifier} (borrowed: never closed by the monitor). */
    public static Builder builder(VideoClassifier classifier) {
        return new Builder(classifier);
    }

    /** The stream, without credentials. */
    public String url() {
        return url;
    }

    /** The counters now. */
    public LiveStats stats() {
        return state.stats(queue);
    }

    /** Whether the monitor still runs: not closed, and not ended by a fatal error. */
    public boolean isRunning() {
        return (reader != null && reader.isAlive()) || (scorer != null && scorer.isAlive());
    }

    /** The fatal error that ended the monitor, if one did. */
    public Optional<LiveError> failure() {
        return Optional.ofNullable(state.fatal());
    }

    /**
     * Waits until the monitor has ended on its own (a fatal error) or was closed, at most {@code timeout}.
     * Returns whether it has ended.
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : new Thread[] {reader, scorer}) {
            if (t != null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    t.join(left);
                }
                if (t.isAlive()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Stops the monitor: the connection is dropped and released, pending frames are discarded, and no
     * listener call is made after this returns. Returns within about a second (a scorer call in
     * progress may finish after that, without reporting). Idempotent.
     */
    @Override
    public void close() {
        state.stop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        try {
            for (Thread t : new Thread[] {reader, scorer}) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (t != null && t != Thread.currentThread() && left > 0) {
                    t.join(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader != null && reader.isAlive()) {
            LOG.warn("the reading thread of {} is still releasing its connection", url);
        }
        listeners.silence();
    }

    /** Configures and starts a {@link LiveMonitor}. Not thread safe. */
    public static final class Builder {
        private final VideoClassifier classifier;
        private LiveDecoder decoder;
        private LiveSettings settings = LiveSettings.DEFAULTS;
        private final List<LiveListener> listeners = new ArrayList<>();

        private Builder(VideoClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
        }

        /** The decoder (required), e.g. {@code new FfmpegLiveDecoder()}. */
        public Builder decoder(LiveDecoder d) {
            this.decoder = Objects.requireNonNull(d, "decoder");
            return this;
        }

        /** The settings; default {@link LiveSettings#DEFAULTS}. */
        public Builder settings(LiveSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** Adds a listener; they hear every event in the order they were added. */
        public Builder listener(LiveListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * Starts watching {@code url}. A refused URL (another scheme, a local file or device, a scheme
         * the decoder cannot open) does not throw: the monitor ends at once with a fatal
         * {@link LiveError.Kind#REFUSED} error, delivered to the listeners before this returns.
         */
        public LiveMonitor start(String url) {
            Objects.requireNonNull(url, "url");
            if (decoder == null) {
                throw new IllegalStateException("a decoder is required (e.g. new FfmpegLiveDecoder())");
            }
            Listeners out = new Listeners(listeners);
            MonitorState state = new MonitorState();
            SampleQueue queue = new SampleQueue(settings.queueCapacity());
            StreamPolicy policy;
            try {
                policy = StreamPolicy.of(url, settings.allowedHosts());
                if (!decoder.schemes().contains(policy.scheme())) {
                    throw new IllegalArgumentException("refused '" + policy.redacted() + "': this decoder cannot open "
                            + policy.scheme().wireName() + ":// streams");
                }
            } catch (IllegalArgumentException e) {
                return refused(url, e.getMessage(), state, queue, out);
            }
            ClassifierSettings cs = classifier.settings();
            StreamReader read = new StreamReader(decoder, policy, settings, cs.policy(), cs.analysisWidth(),
                    cs.limits().maxPixels(), state, queue, out,
                    new Backoff(settings.backoffS(), settings.maxBackoffS(), () -> ThreadLocalRandom.current().nextDouble()));
            WindowScorer score = new WindowScorer(policy.redacted(), classifier.images(), cs.aggregator(), settings,
                    state, queue, out, read::done);
            int n = COUNT.incrementAndGet();
            Thread r = daemon(read, "videoclass-live-read-" + n);
            Thread s = daemon(score, "videoclass-live-score-" + n);
            r.start();
            s.start();
            return new LiveMonitor(policy.redacted(), state, queue, out, r, s);
        }

        private static LiveMonitor refused(String url, String message, MonitorState state, SampleQueue queue,
                                           Listeners out) {
            LiveError e = new LiveError(redact(url), LiveError.Kind.REFUSED, message, true, Instant.now());
            state.fatal(e);
            state.stop();
            out.error(e);
            return new LiveMonitor(redact(url), state, queue, out, null, null);
        }

        /** A URL that did not parse, shortened and without what could be credentials. */
        private static String redact(String url) {
            String u = url.replaceAll("//[^/@]*@", "//");
            int q = u.indexOf('?');
            u = q >= 0 ? u.substring(0, q) : u;
            return u.length() > 200 ? u.substring(0, 200) : u;
        }

        private static Thread daemon(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }
    }
}
