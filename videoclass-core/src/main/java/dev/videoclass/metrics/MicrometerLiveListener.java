package dev.videoclass.metrics;

import dev.videoclass.live.GapEvent;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveListener;
import dev.videoclass.live.LiveMonitor;
import dev.videoclass.live.TransitionEvent;
import dev.videoclass.live.WindowEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Publishes a live monitor's events to Micrometer (an optional dependency, like
 * {@link MicrometerJobListener}: applications without Micrometer never load this class). Every meter
 * is tagged with {@code url}, the stream without credentials:
 * <ul>
 *   <li>{@code videoclass.live.windows} (counter, tag {@code explicit}): window verdicts;</li>
 *   <li>{@code videoclass.live.frames} (counter): frames judged;</li>
 *   <li>{@code videoclass.live.drops} (counter): sampled frames dropped because scoring fell behind;</li>
 *   <li>{@code videoclass.live.lag} (timer): from the moment the monitor received a window's end to its
 *       event — how far the verdicts trail the stream;</li>
 *   <li>{@code videoclass.live.transitions} (counter, tag {@code kind}), {@code videoclass.live.reconnects}
 *       (counter, tag {@code reason}: one per gap), {@code videoclass.live.errors} (counter, tags
 *       {@code kind} and {@code fatal});</li>
 *   <li>{@code videoclass.live.decoded} (function counter), {@code videoclass.live.queued} and
 *       {@code videoclass.live.connected} (gauges), through {@link #bindGauges}.</li>
 * </ul>
 * Thread safe; give one instance to {@link LiveMonitor.Builder#listener} per monitor or share one.
 */
public final class MicrometerLiveListener implements LiveListener {
    private final MeterRegistry registry;

    /** Meters go to {@code registry}. */
    public MicrometerLiveListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Registers the counters and gauges that {@code monitor} keeps itself (held weakly by Micrometer). */
    public static void bindGauges(LiveMonitor monitor, MeterRegistry registry) {
        Tags tags = Tags.of("url", monitor.url());
        FunctionCounter.builder("videoclass.live.decoded", monitor, m -> m.stats().framesDecoded()).tags(tags)
                .description("frames decoded from the stream").register(registry);
        Gauge.builder("videoclass.live.queued", monitor, m -> m.stats().queued()).tags(tags)
                .description("sampled frames waiting for scoring").register(registry);
        Gauge.builder("videoclass.live.connected", monitor, m -> m.stats().connected() ? 1 : 0).tags(tags)
                .description("1 while a connection is open").register(registry);
    }

    @Override
    public void onWindow(WindowEvent w) {
        Counter.builder("videoclass.live.windows").tag("url", w.url()).tag("explicit", Boolean.toString(w.isExplicit()))
                .register(registry).increment();
        Counter.builder("videoclass.live.frames").tag("url", w.url()).register(registry).increment(w.frames());
        Counter.builder("videoclass.live.drops").tag("url", w.url()).register(registry).increment(w.dropped());
        Duration lag = Duration.between(w.endTime(), Instant.now());
        Timer.builder("videoclass.live.lag").tag("url", w.url()).register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void onTransition(TransitionEvent t) {
        Counter.builder("videoclass.live.transitions").tag("url", t.url()).tag("kind", t.kind().wireName())
                .register(registry).increment();
    }

    @Override
    public void onGap(GapEvent g) {
        Counter.builder("videoclass.live.reconnects").tag("url", g.url()).tag("reason", g.reason().wireName())
                .register(registry).increment();
    }

    @Override
    public void onError(LiveError e) {
        Counter.builder("videoclass.live.errors").tag("url", e.url()).tag("kind", e.kind().wireName())
                .tag("fatal", Boolean.toString(e.fatal())).register(registry).increment();
    }
}
