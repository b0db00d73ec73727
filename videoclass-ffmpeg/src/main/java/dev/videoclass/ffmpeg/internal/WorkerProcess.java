package dev.videoclass.ffmpeg.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.Progress;
import dev.videoclass.ProgressListener;
import dev.videoclass.Verdict;
import dev.videoclass.VideoException;
import dev.videoclass.json.VerdictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One worker JVM of an isolated classifier, started on first use and started again after it died or
 * was stopped. One caller at a time (the classifier hands workers out from an idle queue). A
 * daemon thread per process reads its protocol stream into a queue, so that the caller can wait
 * for an answer while it watches the deadline and its cancellation flag.
 */
public final class WorkerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    /** How often a waiting caller looks at its cancellation flag, milliseconds. */
    private static final long POLL_MS = 50;
    /** Marks the end of a worker's output in the line queue. */
    private static final String EOF = new String("end of worker output");

    private final List<String> command;
    private final String settingsLine;
    private final String factoryLine;
    private Process process;
    private BufferedWriter requests;
    private BlockingQueue<String> lines;
    private WorkerProtocol.Ready ready;

    /**
     * @param command      the JVM command line ending in {@link IsolatedWorker}'s class name
     * @param settingsLine the classifier settings as {@link dev.videoclass.json.SettingsJson} wrote them
     * @param factory      the scorer factory class name, or null for the built-in scorer
     */
    public WorkerProcess(List<String> command, String settingsLine, String factory) {
        this.command = List.copyOf(command);
        this.settingsLine = settingsLine;
        this.factoryLine = factory == null ? WorkerProtocol.NO_FACTORY : factory;
    }

    /** The scorer the worker's verdicts name; starts the worker if needed. */
    public Verdict.ScorerInfo scorerInfo(long timeoutMs) throws VideoException {
        return ready(timeoutMs).scorer();
    }

    /** The rubric the worker's verdicts name; starts the worker if needed. */
    public Verdict.RubricInfo rubricInfo(long timeoutMs) throws VideoException {
        return ready(timeoutMs).rubric();
    }

    /**
     * Classifies {@code video} in the worker, forwarding its progress reports.
     *
     * @throws VideoException {@link ErrorCode#TIMEOUT} when no verdict came within {@code timeoutMs}
     *                        (the worker is stopped), {@link ErrorCode#CANCELLED} when {@code cancelled}
     *                        answered true (likewise), {@link ErrorCode#INTERNAL} when the worker died
     */
    public Verdict classify(Path video, BooleanSupplier cancelled, ProgressListener progress, long timeoutMs)
            throws VideoException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        ready(timeoutMs);
        try {
            requests.write(video.toString());
            requests.newLine();
            requests.flush();
        } catch (IOException e) {
            throw died("its input closed");
        }
        while (true) {
            String line = next(deadline, cancelled, timeoutMs);
            if (line.startsWith(WorkerProtocol.VERDICT)) {
                try {
                    return VerdictJson.parseVerdict(line.substring(WorkerProtocol.VERDICT.length()));
                } catch (IllegalArgumentException e) {
                    stop();
                    throw new VideoException(ErrorCode.INTERNAL, "the worker process answered garbage: " + e.getMessage());
                }
            }
            if (line.startsWith(WorkerProtocol.PROGRESS)) {
                forward(progress, line.substring(WorkerProtocol.PROGRESS.length()));
            }
        }
    }

    /** Ends the process (if running); the next call starts a fresh one. */
    public void stop() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
        process = null;
        ready = null;
    }

    private WorkerProtocol.Ready ready(long timeoutMs) throws VideoException {
        if (process != null && process.isAlive() && ready != null) {
            return ready;
        }
        stop();
        start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            String line = next(deadline, () -> false, timeoutMs);
            if (line.startsWith(WorkerProtocol.READY)) {
                try {
                    ready = VerdictJson.reader().forType(WorkerProtocol.Ready.class)
                            .readValue(line.substring(WorkerProtocol.READY.length()));
                    return ready;
                } catch (IOException e) {
                    stop();
                    throw new VideoException(ErrorCode.INTERNAL, "the worker process answered garbage: " + e.getMessage());
                }
            }
        }
    }

    private void start() throws VideoException {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readAll(p, queue), "videoclass-worker-reader-" + p.pid());
            reader.setDaemon(true);
            reader.start();
            requests = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
            requests.write(settingsLine);
            requests.newLine();
            requests.write(factoryLine);
            requests.newLine();
            requests.flush();
            process = p;
            lines = queue;
        } catch (IOException e) {
            throw new VideoException(ErrorCode.INTERNAL, "cannot start a worker process: " + e.getMessage(), e);
        }
    }

    private static void readAll(Process p, BlockingQueue<String> queue) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.startsWith(WorkerProtocol.READY) || l.startsWith(WorkerProtocol.PROGRESS)
                        || l.startsWith(WorkerProtocol.VERDICT)) {
                    queue.add(l);
                }
            }
        } catch (IOException ignored) {
            // the process was stopped or died: same as the end of its output
        } finally {
            queue.add(EOF);
        }
    }

    /** The next protocol line, watching the deadline and the cancellation flag. */
    private String next(long deadline, BooleanSupplier cancelled, long timeoutMs) throws VideoException {
        try {
            while (true) {
                String line = lines.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (line == EOF) {
                    throw died(describeExit());
                }
                if (line != null) {
                    return line;
                }
                if (cancelled.getAsBoolean()) {
                    stop();
                    throw new VideoException(ErrorCode.CANCELLED, "the classification was cancelled");
                }
                if (System.nanoTime() > deadline) {
                    stop();
                    throw new VideoException(ErrorCode.TIMEOUT, "the worker process did not answer within "
                            + timeoutMs + " ms and was stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new VideoException(ErrorCode.CANCELLED, "interrupted while the worker was classifying");
        }
    }

    private VideoException died(String how) {
        stop();
        return new VideoException(ErrorCode.INTERNAL, "the worker process died while classifying (" + how
                + "); the video may crash the decoder");
    }

    private String describeExit() {
        Process p = process;
        try {
            if (p != null && p.waitFor(2, TimeUnit.SECONDS)) {
                int code = p.exitValue();
                return code > 128 ? "exit code " + code + ", signal " + (code - 128) : "exit code " + code;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "no exit code";
    }

    private static void forward(ProgressListener listener, String json) {
        try {
            listener.onProgress(VerdictJson.reader().forType(Progress.class).readValue(json));
        } catch (IOException | RuntimeException e) {
            LOG.debug("progress report from a worker ignored: {}", e.toString());
        }
    }
}
