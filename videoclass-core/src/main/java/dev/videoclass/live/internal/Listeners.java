package dev.videoclass.live.internal;

import dev.videoclass.live.GapEvent;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveListener;
import dev.videoclass.live.SampledFrame;
import dev.videoclass.live.TransitionEvent;
import dev.videoclass.live.WindowEvent;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a monitor's events to its listeners: one call at a time (the two monitor threads share
 * one lock), each listener in order, a listener's exception logged (once per listener) and
 * otherwise ignored, and nothing once {@link #silence()} was called. Thread safe.
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<LiveListener> listeners;
    private final boolean[] warned;
    private volatile boolean silenced;

    public Listeners(List<LiveListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.warned = new boolean[this.listeners.size()];
    }

    public void window(WindowEvent e) {
        deliver(l -> l.onWindow(e));
    }

    public void transition(TransitionEvent e) {
        deliver(l -> l.onTransition(e));
    }

    public void gap(GapEvent e) {
        deliver(l -> l.onGap(e));
    }

    public void error(LiveError e) {
        deliver(l -> l.onError(e));
    }

    public void frame(SampledFrame e) {
        deliver(l -> l.onFrame(e));
    }

    /**
     * No event starts after this returns; one a listener is handling now may still finish. Never
     * waits for a listener (one blocked on a full pipe must not block {@code close()}).
     */
    public void silence() {
        silenced = true;
    }

    private synchronized void deliver(Consumer<LiveListener> call) {
        if (silenced) {
            return;
        }
        for (int i = 0; i < listeners.size(); i++) {
            try {
                call.accept(listeners.get(i));
            } catch (RuntimeException e) {
                if (!warned[i]) {
                    warned[i] = true;
                    LOG.warn("live listener {} failed; its failures are ignored from now on", listeners.get(i), e);
                }
            }
        }
    }
}
