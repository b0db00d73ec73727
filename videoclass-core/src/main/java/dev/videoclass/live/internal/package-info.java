/**
 * The machinery of {@link dev.videoclass.live.LiveMonitor}; not an API, may change in any release.
 * {@code StreamReader} (the reading thread: connections, sampling, reconnection with
 * {@code Backoff}), {@code FrameSampler} (cadence, scene changes, per-window cap), {@code SampleQueue}
 * and {@code Watermark} (the bounded hand-over), {@code WindowScorer} and {@code WindowAssembler}
 * (the scoring thread: judging, windows, aggregation), {@code Hysteresis} (verdict changes),
 * {@code Listeners} (serialised delivery) and {@code MonitorState} (what the two threads share).
 */
package dev.videoclass.live.internal;
