package dev.videoclass.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.videoclass.VideoClassifier;
import dev.videoclass.ffmpeg.FfmpegLiveDecoder;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.ffmpeg.testing.HlsServer;
import dev.videoclass.ffmpeg.testing.LiveEncoder;
import dev.videoclass.ffmpeg.testing.LiveRecorder;
import dev.videoclass.ffmpeg.testing.TestVideos;
import dev.videoclass.live.LiveMonitor;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.live.WindowEvent;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.onnx.demo.DemoModel;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Question: how long after a frame left the live encoder does the event of its window arrive, and
 * how much CPU does watching one 1280x720 30 fps HLS stream at the default settings ({@code every 2},
 * {@code window 10}) cost, with the heuristic scorer and with the demo model?
 *
 * <p>The GPL ffmpeg tool encodes a moving test picture in real time into 2 s HLS segments, served on
 * loopback by the JDK's HTTP server in this JVM; a {@link LiveMonitor} watches it. A frame's time on
 * the server is the encoder's start plus the frame's content time. The same-run references: for
 * CPU, the ffmpeg tool decoding the same stream at the same time ({@code ffmpeg -i URL -f null -});
 * for latency, the part a window imposes by itself (from a frame to its window's end). The JVM's CPU
 * includes the HTTP server's.
 *
 * <p>Run from the repository root after {@code mvn -B -o install -DskipTests}:
 * {@code VIDEOCLASS_FFMPEG_TOOL=videoclass-ffmpeg/target/ffmpeg-tool/org/bytedeco/ffmpeg/linux-x86_64-gpl
 * java -cp benchmarks/target/benchmarks.jar dev.videoclass.benchmarks.LiveLatency [SECONDS]}
 * (SECONDS measured per scorer after a warm-up, default 60).
 */
public final class LiveLatency {
    private static final double SEGMENT_S = 2;
    private static final int FPS = 30;
    private static final long WARM_UP_MS = 15_000;

    private LiveLatency() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        Path work = Files.createTempDirectory("videoclass-live-bench");
        Path model = work.resolve("demo-model");
        DemoModel.write(model);
        System.out.println("| scorer | windows | frame to event, median s | window end to event, median s "
                + "| frame to window end, median s | latency ratio | monitor CPU, cores | ffmpeg decode CPU, cores "
                + "| CPU ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String scorer : List.of("heuristic", "demo-model")) {
            System.out.println(run(scorer, scorer.equals("heuristic") ? null : model, seconds,
                    Files.createDirectories(work.resolve(scorer))));
        }
    }

    private static String run(String name, Path model, double seconds, Path hls) throws Exception {
        VideoClassifier.Builder b = VideoClassifier.builder().decoder(new FfmpegVideoDecoder());
        if (model != null) {
            b.scorer(OnnxScorer.open(model));
        }
        LiveRecorder rec = new LiveRecorder();
        try (LiveEncoder encoder = LiveEncoder.lavfi("testsrc2=s=1280x720:r=" + FPS, (int) (FPS * SEGMENT_S),
                LiveEncoder.hls(hls, SEGMENT_S));
             HlsServer server = HlsServer.start(hls);
             VideoClassifier classifier = b.build()) {
            encoder.awaitSegments(hls, 3);
            String url = server.url("live.m3u8");
            try (LiveMonitor monitor = LiveMonitor.builder(classifier).decoder(new FfmpegLiveDecoder())
                    .settings(LiveSettings.DEFAULTS).listener(rec).start(url)) {
                while (rec.framePts.isEmpty()) {
                    Thread.sleep(50);
                }
                double offset = server.firstSegment() * SEGMENT_S;
                Process reference = decodeReference(url);
                try {
                    Thread.sleep(WARM_UP_MS);
                    long cpu0 = jvmCpuNanos();
                    long ref0 = cpuNanos(reference);
                    long t0 = System.nanoTime();
                    Thread.sleep(Math.round(seconds * 1000));
                    double wall = System.nanoTime() - t0;
                    double monitorCores = (jvmCpuNanos() - cpu0) / wall;
                    double refCores = (cpuNanos(reference) - ref0) / wall;
                    return row(name, rec, encoder.startedAt(), offset, monitorCores, refCores);
                } finally {
                    reference.destroy();
                }
            }
        }
    }

    private static String row(String name, LiveRecorder rec, Instant start, double offset, double cores, double refCores) {
        List<Double> frameToEvent = new ArrayList<>();
        List<Double> endToEvent = new ArrayList<>();
        List<Double> frameToEnd = new ArrayList<>();
        for (int i = 0; i < rec.windows.size(); i++) {
            WindowEvent w = rec.windows.get(i);
            double arrival = seconds(start, rec.windowArrivals.get(i)) - offset;
            endToEvent.add(arrival - w.endPtsS());
            for (double pts : rec.framePts) {
                if (pts >= w.startPtsS() && pts < w.endPtsS()) {
                    frameToEvent.add(arrival - pts);
                    frameToEnd.add(w.endPtsS() - pts);
                }
            }
        }
        double latency = median(frameToEvent);
        double inherent = median(frameToEnd);
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |", name,
                rec.windows.size(), latency, median(endToEvent), inherent, latency / inherent, cores, refCores,
                cores / refCores);
    }

    private static Process decodeReference(String url) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(TestVideos.ffmpegPath().toString(), "-hide_banner", "-nostdin",
                "-loglevel", "error", "-i", url, "-f", "null", "-").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(TestVideos.environment());
        return pb.start();
    }

    private static long jvmCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for the reference decoder (it ended?)"));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
