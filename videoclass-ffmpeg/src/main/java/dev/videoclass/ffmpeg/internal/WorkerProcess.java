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
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * One worker JVM of an isolated classifier, started on first use and started again after it died or
 * was stopped. One caller at a time classifies (the classifier hands workers out from an idle
 * queue); {@link #stop()} and {@link #close()} may come from any thread meanwhile. A daemon thread
 * per process reads its protocol stream into a queue, so that the caller can wait for an answer
 * while it watches the deadline and its cancellation flag.
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
    private final long startTimeoutMs;
    private final BiConsumer<Verdict.ScorerInfo, Verdict.RubricInfo> onReady;
    // guarded by this: the process of the moment and its streams; the classifying caller reads its
    // own copies, taken under the lock when it starts a request
    private Process process;
    private BufferedWriter requests;
    private BlockingQueue<String> lines;
    private WorkerProtocol.Ready ready;
    private boolean closed;

    /**
     * @param command        the JVM command line ending in {@link IsolatedWorker}'s class name
     * @param settingsLine   the classifier settings as {@link dev.videoclass.json.SettingsJson} wrote them
     * @param factory        the scorer factory class name, or null for the built-in scorer
     * @param startTimeoutMs how long a worker may take to start and make its scorer, milliseconds
     *                       (a model load included); counted apart from each video's timeout
     * @param onReady        told the scorer and rubric each time a worker has made its classifier
     */
    public WorkerProcess(List<String> command, String settingsLine, String factory, long startTimeoutMs,
                         BiConsumer<Verdict.ScorerInfo, Verdict.RubricInfo> onReady) {
        this.command = List.copyOf(command);
        this.settingsLine = settingsLine;
        this.factoryLine = factory == null ? WorkerProtocol.NO_FACTORY : factory;
        this.startTimeoutMs = startTimeoutMs;
        this.onReady = onReady;
    }

    /**
     * Starts the worker if it is not running and waits until it has made its classifier, watching
     * {@code cancelled}; its scorer and rubric go to the {@code onReady} callback.
     */
    public void start(BooleanSupplier cancelled) throws VideoException {
        ready(cancelled);
    }

    /**
     * Classifies {@code video} in the worker, forwarding its progress reports. A worker that is not
     * running is started first, within the start timeout; {@code timeoutMs} counts from then.
     *
     * @throws VideoException {@link ErrorCode#TIMEOUT} when no verdict came within {@code timeoutMs}
     *                        (the worker is stopped), {@link ErrorCode#CANCELLED} when {@code cancelled}
     *                        answered true or the worker was stopped meanwhile (likewise),
     *                        {@link ErrorCode#INTERNAL} when the worker died
     */
    public Verdict classify(Path video, BooleanSupplier cancelled, ProgressListener progress, long timeoutMs)
            throws VideoException {
        Running run = ready(cancelled);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            // JSON: a file name may hold a line break, which must not split the request in two
            run.requests.write(WorkerProtocol.encodePath(video));
            run.requests.newLine();
            run.requests.flush();
        } catch (IOException e) {
            throw ended(run, cancelled, "its input closed");
        }
        while (true) {
            String line = next(run, deadline, cancelled, timeoutMs);
            if (line.startsWith(WorkerProtocol.VERDICT)) {
                try {
                    return VerdictJson.parseVerdict(line.substring(WorkerProtocol.VERDICT.length()));
                } catch (IllegalArgumentException e) {
                    stop(run);
                    throw new VideoException(ErrorCode.INTERNAL, "the worker process answered garbage: " + e.getMessage());
                }
            }
            if (line.startsWith(WorkerProtocol.PROGRESS)) {
                forward(progress, line.substring(WorkerProtocol.PROGRESS.length()));
            }
        }
    }

    /** Ends the process (if running); the next call starts a fresh one. Any thread. */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        process = null;
        ready = null;
    }

    /** Ends the process for good: no call starts another one. Any thread. */
    public synchronized void close() {
        closed = true;
        stop();
    }

    /** The running process with its streams, started (and its READY awaited) if need be. */
    private Running ready(BooleanSupplier cancelled) throws VideoException {
        Running run;
        synchronized (this) {
            if (closed) {
                throw new VideoException(ErrorCode.CANCELLED, "the classifier is closed");
            }
            if (process != null && process.isAlive() && ready != null) {
                return new Running(process, requests, lines);
            }
            stop();
            run = launch();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(startTimeoutMs);
        while (true) {
            String line = next(run, deadline, cancelled, startTimeoutMs);
            if (line.startsWith(WorkerProtocol.READY)) {
                WorkerProtocol.Ready r;
                try {
                    r = VerdictJson.reader().forType(WorkerProtocol.Ready.class)
                            .readValue(line.substring(WorkerProtocol.READY.length()));
                } catch (IOException e) {
                    stop(run);
                    throw new VideoException(ErrorCode.INTERNAL, "the worker process answered garbage: " + e.getMessage());
                }
                onReady.accept(r.scorer(), r.rubric());
                synchronized (this) {
                    if (process != run.process) { // stopped or closed meanwhile
                        throw new VideoException(ErrorCode.CANCELLED, "the worker was stopped while it started");
                    }
                    ready = r;
                }
                return run;
            }
        }
    }

    /** Starts a process and sends it the settings; the caller holds the lock. */
    private Running launch() throws VideoException {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readAll(p, queue), "videoclass-worker-reader-" + p.pid());
            reader.setDaemon(true);
            reader.start();
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
            process = p;
            requests = out;
            lines = queue;
            out.write(settingsLine);
            out.newLine();
            out.write(factoryLine);
            out.newLine();
            out.flush();
            return new Running(p, out, queue);
        } catch (IOException e) {
            stop();
            throw new VideoException(ErrorCode.INTERNAL, "cannot start a worker process: " + e.getMessage(), e);
        }
    }

    /** Stops {@code run}'s process if it is still this worker's current one. */
    private synchronized void stop(Running run) {
        run.process.destroyForcibly();
        if (process == run.process) {
            stop();
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
    private String next(Running run, long deadline, BooleanSupplier cancelled, long timeoutMs) throws VideoException {
        try {
            while (true) {
                String line = run.lines.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (line == EOF) {
                    throw ended(run, cancelled, describeExit(run.process));
                }
                if (line != null) {
                    return line;
                }
                if (cancelled.getAsBoolean()) {
                    stop(run);
                    throw new VideoException(ErrorCode.CANCELLED, "the classification was cancelled");
                }
                if (System.nanoTime() > deadline) {
                    stop(run);
                    throw new VideoException(ErrorCode.TIMEOUT, "the worker process did not answer within "
                            + timeoutMs + " ms and was stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(run);
            throw new VideoException(ErrorCode.CANCELLED, "interrupted while the worker was classifying");
        }
    }

    /**
     * The process's output ended: cancelled when the caller cancelled or someone stopped this
     * worker (its process is no longer the current one), otherwise the worker died on the video.
     */
    private VideoException ended(Running run, BooleanSupplier cancelled, String how) {
        boolean stoppedByUs;
        synchronized (this) {
            stoppedByUs = process != run.process;
        }
        stop(run);
        if (stoppedByUs || cancelled.getAsBoolean()) {
            return new VideoException(ErrorCode.CANCELLED, "the classification was cancelled (its worker was stopped)");
        }
        return new VideoException(ErrorCode.INTERNAL, "the worker process died while classifying (" + how
                + "); the video may crash the decoder");
    }

    private static String describeExit(Process p) {
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

    /** A started process with its request stream and its line queue, as one caller uses them. */
    private record Running(Process process, BufferedWriter requests, BlockingQueue<String> lines) {
    }

    private static void forward(ProgressListener listener, String json) {
        try {
            listener.onProgress(VerdictJson.reader().forType(Progress.class).readValue(json));
        } catch (IOException | RuntimeException e) {
            LOG.debug("progress report from a worker ignored: {}", e.toString());
        }
    }
}
