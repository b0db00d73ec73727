package dev.videoclass.live;

/**
 * Hears what a {@link LiveMonitor} finds. Every method has an empty default: implement the ones you
 * need. Calls come from the monitor's own threads, one at a time (never concurrently), in the order
 * the monitor produced them; a listener that blocks holds the monitor up, one that throws is logged
 * and otherwise ignored. No call is made after {@link LiveMonitor#close()} returns.
 *
 * <pre>{@code
 * LiveListener alerts = new LiveListener() {
 *     public void onTransition(TransitionEvent t) {
 *         if (t.kind() == TransitionEvent.Kind.BECAME_EXPLICIT) pager.page(t.url(), t.time());
 *     }
 * };
 * }</pre>
 */
public interface LiveListener {

    /** One per window with at least one judged frame. */
    default void onWindow(WindowEvent window) {
    }

    /** The verdict changed (after the hysteresis). */
    default void onTransition(TransitionEvent transition) {
    }

    /** The stream is back after a gap. */
    default void onGap(GapEvent gap) {
    }

    /** A failure; {@link LiveError#fatal()} says whether the monitor stops. */
    default void onError(LiveError error) {
    }

    /** A frame was sampled (before scoring): for tools that want the frames themselves. */
    default void onFrame(SampledFrame frame) {
    }
}
