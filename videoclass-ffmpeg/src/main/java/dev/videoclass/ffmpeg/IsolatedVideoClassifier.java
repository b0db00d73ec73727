package dev.videoclass.ffmpeg;

import dev.videoclass.ErrorCode;
import dev.videoclass.FrameScorer;
import dev.videoclass.Limits;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.Verdict;
import dev.videoclass.VerdictJson;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.rubric.Rubric;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Classifies videos in worker processes, so that a crash inside the native decoder — however
 * unlikely on FFmpeg, which is fuzzed continuously — costs one failed verdict instead of the
 * caller's JVM. Each worker is a child JVM on the same class path that runs a
 * {@link dev.videoclass.VideoClassifier} with the FFmpeg decoder and the built-in scorer; it handles
 * one video at a time. A worker that dies or overruns the decode timeout (plus a grace period) is
 * killed, the video gets a failed verdict with {@link ErrorCode#INTERNAL} or {@link ErrorCode#TIMEOUT},
 * and a fresh worker takes its place.
 *
 * <p>Costs: a JVM start (~0.5 s) per worker, once; uploads given as bytes or streams are written
 * to a temporary file for the worker to read. Thread safe: up to {@code workers} classifications
 * run at once, further callers wait. {@link #close()} ends every worker.
 */
public final class IsolatedVideoClassifier implements AutoCloseable {
    private static final long GRACE_MS = 5_000;

    private final WorkerSettings settings;
    private final Limits limits;
    private final List<String> command;
    private final BlockingQueue<Worker> idle;
    private final List<Worker> all = new ArrayList<>();
    private volatile boolean closed;

    private IsolatedVideoClassifier(Builder b) {
        this.limits = b.limits;
        this.settings = WorkerSettings.of(b.policy, b.limits, b.rubric == null ? null : b.rubric.toJson(),
                b.aggregator, b.posterMaxSide, b.scorerFactory);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(b.jvmOptions);
        cmd.add("-cp");
        cmd.add(b.classPath);
        cmd.add(b.workerMainClass);
        this.command = List.copyOf(cmd);
        this.idle = new ArrayBlockingQueue<>(b.workers);
        for (int i = 0; i < b.workers; i++) {
            idle.add(new Worker(null)); // started on first use
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Classifies a video in a worker process. Never throws for bad input or a dying worker. */
    public Verdict classify(VideoInput input) {
        Objects.requireNonNull(input, "input");
        long t0 = System.nanoTime();
        Path spooled = null;
        Worker w = null;
        try {
            if (closed) {
                throw new VideoException(ErrorCode.CANCELLED, "the classifier is closed");
            }
            Path path;
            if (input instanceof VideoInput.FileInput f) {
                path = f.path().toAbsolutePath();
            } else if (input instanceof VideoInput.BytesInput bytes) {
                path = spooled = spool(new java.io.ByteArrayInputStream(bytes.bytes()));
            } else {
                path = spooled = spool(((VideoInput.StreamInput) input).stream());
            }
            w = idle.take();
            return w.classify(path, t0);
        } catch (VideoException e) {
            return failed(e, t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(new VideoException(ErrorCode.CANCELLED, "interrupted while waiting for a worker"), t0);
        } finally {
            if (w != null) {
                idle.add(w);
            }
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // a temp file left behind is removed by the OS's temp cleaning
                }
            }
        }
    }

    /** Writes an upload to a temporary file for a worker, within the size limit (and the decode timeout). */
    private Path spool(InputStream in) throws VideoException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("videoclass-isolated-", ".upload");
            FfmpegVideoDecoder.spool(in, tmp, limits.maxBytes(), () -> closed,
                    System.nanoTime() + limits.decodeTimeout().toNanos());
            Path done = tmp;
            tmp = null;
            return done;
        } catch (IOException e) {
            throw new VideoException(ErrorCode.INTERNAL, "cannot spool the upload: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static Verdict failed(VideoException e, long t0) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return Verdict.failed(e, null, null, null, new Verdict.Timings(0, 0, 0, ms));
    }

    /** Ends every worker process. */
    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            for (Worker w : all) {
                w.stop();
            }
            all.clear();
        }
    }

    /** One worker process, used by one caller at a time (it is taken from the idle queue). */
    private final class Worker {
        private Process process;
        private BufferedWriter requests;
        private BufferedReader verdicts;

        Worker(Process p) {
            this.process = p;
        }

        Verdict classify(Path video, long t0) throws VideoException {
            ensureStarted();
            String line;
            try {
                requests.write(video.toString());
                requests.newLine();
                requests.flush();
                BufferedReader reader = verdicts;
                CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                    try {
                        String l;
                        while ((l = reader.readLine()) != null) {
                            if (l.startsWith(IsolatedWorker.VERDICT_PREFIX)) {
                                return l.substring(IsolatedWorker.VERDICT_PREFIX.length());
                            }
                        }
                        return null; // the worker's output ended: it died
                    } catch (IOException e) {
                        return null;
                    }
                });
                line = answer.get(limits.decodeTimeout().toMillis() + GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                stop();
                throw new VideoException(ErrorCode.TIMEOUT, "the worker process did not answer within "
                        + (limits.decodeTimeout().toMillis() + GRACE_MS) + " ms and was stopped");
            } catch (IOException | ExecutionException e) {
                line = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new VideoException(ErrorCode.CANCELLED, "interrupted while the worker was classifying");
            }
            if (line == null) {
                String how = describeExit();
                stop();
                throw new VideoException(ErrorCode.INTERNAL, "the worker process died while classifying (" + how
                        + "); the video may crash the decoder");
            }
            try {
                return VerdictJson.parseVerdict(line);
            } catch (IllegalArgumentException e) {
                stop();
                throw new VideoException(ErrorCode.INTERNAL, "the worker process answered garbage: " + e.getMessage());
            }
        }

        private void ensureStarted() throws VideoException {
            if (process != null && process.isAlive()) {
                return;
            }
            try {
                process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
                verdicts = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                requests.write(VerdictJson.toJson(settings));
                requests.newLine();
                requests.flush();
                synchronized (all) {
                    all.add(this);
                }
            } catch (IOException e) {
                throw new VideoException(ErrorCode.INTERNAL, "cannot start a worker process: " + e.getMessage(), e);
            }
        }

        private String describeExit() {
            try {
                if (process.waitFor(2, TimeUnit.SECONDS)) {
                    int code = process.exitValue();
                    return code > 128 ? "exit code " + code + ", signal " + (code - 128) : "exit code " + code;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "no exit code";
        }

        void stop() {
            Process p = process;
            if (p != null) {
                p.destroyForcibly();
            }
            process = null;
        }
    }

    /** The scorer factory class named {@code className}, checked to be a {@code Supplier} with a no-argument constructor. */
    static Class<? extends Supplier<?>> factoryClass(String className) {
        try {
            Class<?> c = Class.forName(className);
            if (!Supplier.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException(className + " is not a Supplier<FrameScorer>");
            }
            c.getConstructor(); // public, no arguments
            @SuppressWarnings("unchecked")
            Class<? extends Supplier<?>> factory = (Class<? extends Supplier<?>>) c;
            return factory;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("scorer factory class not found: " + className, e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a public no-argument constructor", e);
        }
    }

    /** Instantiates the factory and returns the scorer it makes (in a worker). */
    static FrameScorer newScorer(String factoryClassName) throws ReflectiveOperationException {
        Object scorer = factoryClass(factoryClassName).getConstructor().newInstance().get();
        if (!(scorer instanceof FrameScorer fs)) {
            throw new IllegalArgumentException(factoryClassName + " made " + scorer + ", not a FrameScorer");
        }
        return fs;
    }

    /**
     * Configures an {@link IsolatedVideoClassifier}. Defaults: 2 workers, {@link SamplingPolicy#DEFAULTS},
     * {@link Limits#DEFAULTS}, the built-in scorer's rubric, MAX aggregation, posters up to 1280 px,
     * this JVM's class path and {@code java}.
     */
    public static final class Builder {
        private int workers = 2;
        private SamplingPolicy policy = SamplingPolicy.DEFAULTS;
        private Limits limits = Limits.DEFAULTS;
        private Rubric rubric;
        private String scorerFactory;
        private String aggregator = "max";
        private int posterMaxSide = 1280;
        private String classPath = System.getProperty("java.class.path");
        private String workerMainClass = IsolatedWorker.class.getName();
        // VM messages (a crash banner among them) must not reach standard output, the protocol stream
        private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+DisplayVMOutputToStderr",
                "-XX:+UseSerialGC"));

        private Builder() {
        }

        /** How many videos may be classified at once (one process each). */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = n;
            return this;
        }

        public Builder policy(SamplingPolicy p) {
            this.policy = Objects.requireNonNull(p);
            return this;
        }

        public Builder limits(Limits l) {
            this.limits = Objects.requireNonNull(l);
            return this;
        }

        /**
         * The scorer the workers use: the name of a class with a public no-argument constructor that
         * implements {@code Supplier<FrameScorer>} (e.g. one that opens an ONNX model directory); it
         * must be on the workers' class path. Default: the built-in scorer. Checked here, called in
         * each worker.
         *
         * @throws IllegalArgumentException when the class is missing or is not such a factory
         */
        public Builder scorerFactory(String className) {
            factoryClass(className); // checked in this JVM, instantiated in the workers
            this.scorerFactory = className;
            return this;
        }

        /** The rubric (default: the scorer's own). */
        public Builder rubric(Rubric r) {
            this.rubric = r;
            return this;
        }

        /** {@code max}, {@code mean} or {@code topK-mean}. */
        public Builder aggregator(String name) {
            dev.videoclass.aggregate.Aggregators.parse(name); // validate now, not in the worker
            this.aggregator = name;
            return this;
        }

        public Builder posterMaxSide(int px) {
            this.posterMaxSide = px;
            return this;
        }

        /** Extra options for the worker JVMs, e.g. {@code -Xmx512m}. */
        public Builder jvmOption(String option) {
            this.jvmOptions.add(Objects.requireNonNull(option));
            return this;
        }

        /** The class path of the worker JVMs (default: this JVM's). */
        public Builder classPath(String cp) {
            this.classPath = Objects.requireNonNull(cp);
            return this;
        }

        /** The worker's main class (default {@link IsolatedWorker}); for tests. */
        Builder workerMainClass(String name) {
            this.workerMainClass = Objects.requireNonNull(name);
            return this;
        }

        public IsolatedVideoClassifier build() {
            return new IsolatedVideoClassifier(this);
        }
    }
}
