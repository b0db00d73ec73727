package dev.videoclass.examples.snippets;

import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegLiveDecoder;
import dev.videoclass.live.GapEvent;
import dev.videoclass.live.LiveError;
import dev.videoclass.live.LiveListener;
import dev.videoclass.live.LiveMonitor;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.live.TransitionEvent;
import dev.videoclass.live.WindowEvent;
import dev.videoclass.metrics.MicrometerLiveListener;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Watching a live stream window by window, and the monitor's metrics. */
public final class Live {
    private Live() {
    }

    /**
     * Watches {@code url} for at most {@code howLong}, segments also from {@code segmentHost}
     * (HOST[:PORT]); returns a line per window, verdict change, gap and error.
     */
    public static List<String> watch(VideoClassifier classifier, String url, String segmentHost, Duration howLong,
                                     MeterRegistry registry) throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        // tag::live[]
        LiveListener listener = new LiveListener() {                 // every method has an empty default
            @Override
            public void onWindow(WindowEvent w) {                    // one per window, in stream order
                lines.add(w.startPtsS() + "-" + w.endPtsS() + " s explicit=" + w.isExplicit());
            }

            @Override
            public void onTransition(TransitionEvent t) {            // once `hysteresis` windows agree
                lines.add(t.kind().wireName() + " from " + t.ptsS() + " s");
            }

            @Override
            public void onGap(GapEvent g) {                          // a reconnection: no frames for a while
                lines.add("gap of " + g.seconds() + " s (" + g.reason().wireName() + ")");
            }

            @Override
            public void onError(LiveError e) {                       // refusals, lost connections; fatal() ends it
                lines.add(e.kind().wireName() + ": " + e.message());
            }
        };
        LiveSettings settings = LiveSettings.builder()
                .every(2).window(10)                                 // seconds of stream (the defaults)
                .hysteresis(2)                                       // windows that must agree before a transition
                .allowHost(segmentHost)                              // beyond the URL's own scheme, host and port
                .build();
        try (LiveMonitor monitor = LiveMonitor.builder(classifier)   // borrowed, not closed
                .decoder(new FfmpegLiveDecoder())
                .settings(settings)
                .listener(listener)
                .listener(new MicrometerLiveListener(registry))      // counters per stream
                .start(url)) {                                       // rtsp://, rtsps://, http(s)://….m3u8, srt://
            monitor.awaitTermination(howLong);                       // true if it ended on its own (a fatal error)
        }                                                            // close() stops it within a second
        // end::live[]
        return lines;
    }
}
