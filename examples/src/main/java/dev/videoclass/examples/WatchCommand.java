package dev.videoclass.examples;

import dev.videoclass.Limits;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegLiveDecoder;
import dev.videoclass.live.LiveMonitor;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.scene.DetectorKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code videoclass watch URL}: a {@link LiveMonitor} on an RTSP, HLS or SRT stream, printing one JSON
 * line per window and per verdict change, gap and error ({@link LiveJsonLines}), optionally writing
 * the sampled frames ({@link FramesOut}). It runs until {@code --duration} seconds of wall time have
 * passed or it is interrupted (Ctrl-C, SIGTERM), and then exits 0; a stream that cannot be watched
 * (refused, unreachable, or lost beyond {@code --max-reconnects}) ends it with a fatal {@code error}
 * line and exit status 3.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Watch a live stream (rtsp://, rtsps://, http(s):// HLS, srt://) and judge it window by window: "
                + "one JSON line per window, verdict change (became_explicit, became_safe), gap and error.")
final class WatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<url>", description = "the stream; it may lead nowhere else than its own "
            + "scheme, host and port, and the --allow-host entries")
    String url;
    @Option(names = "--every", paramLabel = "SECONDS",
            description = "sample a frame every this many seconds of stream (default ${DEFAULT-VALUE})")
    double every = LiveSettings.DEFAULT_EVERY_S;
    @Option(names = "--window", paramLabel = "SECONDS",
            description = "seconds of stream per verdict (default ${DEFAULT-VALUE})")
    double window = LiveSettings.DEFAULT_WINDOW_S;
    @Option(names = "--max-keyframes", description = "most frames judged per window (default ${DEFAULT-VALUE})")
    int maxKeyframes = LiveSettings.DEFAULT_MAX_KEYFRAMES;
    @Option(names = "--scene-changes", description = "also sample a frame at each scene change")
    boolean sceneChanges;
    @Option(names = "--detector", paramLabel = "content|adaptive",
            description = "scene detector for --scene-changes: content (default) or adaptive")
    String detector;
    @Option(names = "--hysteresis", paramLabel = "WINDOWS",
            description = "windows in a row with the other verdict before a change is reported (default ${DEFAULT-VALUE})")
    int hysteresis = LiveSettings.DEFAULT_HYSTERESIS;
    @Option(names = "--allow-host", paramLabel = "HOST[:PORT]",
            description = "a further host the stream may point at (an HLS segment CDN), repeatable; *.DOMAIN for subdomains; "
                    + "without a port the scheme's default")
    List<String> allowHosts = new ArrayList<>();
    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this many seconds of wall time (default: run until interrupted)")
    Double duration;
    @Option(names = "--stall", paramLabel = "SECONDS",
            description = "reconnect when no frame came for this long (default ${DEFAULT-VALUE})")
    double stall = LiveSettings.DEFAULT_STALL_S;
    @Option(names = "--max-reconnects", description = "failed reconnections in a row before giving up (default ${DEFAULT-VALUE})")
    int maxReconnects = LiveSettings.DEFAULT_MAX_RECONNECTS;
    @Option(names = "--frames-out", paramLabel = "DIR",
            description = "also write each sampled frame as a JPEG into DIR, with DIR/frames.jsonl (pts_s, wall_time, file, width, height)")
    Path framesOut;
    @Option(names = "--max-pixels", paramLabel = "PIXELS",
            description = "largest frame accepted, width times height (default ${DEFAULT-VALUE})")
    long maxPixels = Limits.DEFAULTS.maxPixels();
    @Mixin
    VideoclassCli.ScorerOptions scoring;

    @Override
    public Integer call() throws Exception {
        LiveSettings settings = settings();
        SamplingPolicy policy = SamplingPolicy.DEFAULTS.withDetector(detector == null ? SamplingPolicy.DEFAULT_DETECTOR
                : DetectorKind.find(detector).orElseThrow(() -> new VideoclassCli.UsageException(
                "unknown detector '" + detector + "' (content, adaptive)")));
        if (duration != null && !(duration > 0) || !(maxPixels > 0)) {
            throw new VideoclassCli.UsageException("--duration and --max-pixels must be positive");
        }
        LiveJsonLines out = new LiveJsonLines(System.out);
        CountDownLatch interrupted = new CountDownLatch(1);
        Signals.onInterrupt(interrupted::countDown);
        try (VideoClassifier classifier = scoring.build(VideoclassCli.baseBuilder().policy(policy)
                .limits(Limits.DEFAULTS.withMaxPixels(maxPixels)));
             FramesOut frames = framesOut == null ? null : new FramesOut(framesOut, out)) {
            LiveMonitor.Builder b = LiveMonitor.builder(classifier).decoder(new FfmpegLiveDecoder(stall))
                    .settings(settings).listener(out);
            if (frames != null) {
                b.listener(frames);
            }
            LiveMonitor monitor = b.start(url);
            try {
                await(monitor, interrupted);
            } finally {
                monitor.close();
            }
            return monitor.failure().isPresent() ? VideoclassCli.EXIT_FAILED : 0;
        }
    }

    private LiveSettings settings() {
        try {
            LiveSettings.Builder b = LiveSettings.builder().every(every).window(window).maxKeyframes(maxKeyframes)
                    .sceneChanges(sceneChanges).hysteresis(hysteresis).stall(stall).maxReconnects(maxReconnects);
            allowHosts.forEach(b::allowHost);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new VideoclassCli.UsageException(e.getMessage());
        }
    }

    /** Until the monitor ends, {@code --duration} passes, or an interrupt comes. */
    private void await(LiveMonitor monitor, CountDownLatch interrupted) throws InterruptedException {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + Math.round(duration * 1e9);
        while (monitor.isRunning() && System.nanoTime() < deadline) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (interrupted.await(Math.max(1, Math.min(200, left)), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Ctrl-C and SIGTERM as a request to stop cleanly (exit 0) rather than the JVM's exit 130/143. */
    static final class Signals {
        private Signals() {
        }

        static void onInterrupt(Runnable stop) {
            for (String name : new String[] {"INT", "TERM"}) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.run());
                } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                    // no such signal here: the JVM's default handling stays
                }
            }
        }
    }
}
