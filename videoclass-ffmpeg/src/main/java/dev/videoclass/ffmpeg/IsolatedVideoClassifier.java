package dev.videoclass.ffmpeg;

import dev.videoclass.Classifier;
import dev.videoclass.ClassifierSettings;
import dev.videoclass.ErrorCode;
import dev.videoclass.Progress;
import dev.videoclass.ProgressListener;
import dev.videoclass.spi.ScorerFactories;
import dev.videoclass.Verdict;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.internal.IsolatedWorker;
import dev.videoclass.heuristic.HeuristicScorer;
import dev.videoclass.rubric.Rubric;
import dev.videoclass.ffmpeg.internal.WorkerProcess;
import dev.videoclass.internal.InputFiles;
import dev.videoclass.json.SettingsJson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Classifies videos in worker processes, so that a crash inside the native decoder — however
 * unlikely on FFmpeg, which is fuzzed continuously — costs one failed verdict instead of the
 * caller's JVM. Each worker is a child JVM on the same class path that runs a
 * {@link dev.videoclass.VideoClassifier} with the FFmpeg decoder, these {@link ClassifierSettings}
 * and the built-in scorer or the one a {@linkplain Builder#scorerFactory scorer factory} makes; it
 * handles one video at a time. A worker that dies or overruns the decode timeout (plus a grace
 * period) is killed, the video gets a failed verdict with {@link ErrorCode#INTERNAL} or
 * {@link ErrorCode#TIMEOUT}, and a fresh worker takes its place. Cancelling a classification stops
 * its worker.
 *
 * <p>Costs: a JVM start (~0.5 s) per worker, once; uploads given as bytes or streams are written
 * to a temporary file for the worker to read. Thread safe: up to {@code workers} classifications
 * run at once, further callers wait. The classifier owns its workers: {@link #close()} ends them.
 */
public final class IsolatedVideoClassifier implements Classifier {
    /** How long a worker may take to start and make its scorer unless told otherwise: 2 minutes. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(2);
    private static final long GRACE_MS = 5_000;
    private static final long POLL_MS = 50;

    private final ClassifierSettings settings;
    private final BlockingQueue<WorkerProcess> idle;
    private final List<WorkerProcess> all;
    private volatile boolean closed;
    private volatile Verdict.ScorerInfo scorerInfo;
    private volatile Verdict.RubricInfo rubricInfo;
    // what a failed verdict names before any worker has answered
    private final Verdict.ScorerInfo provisionalScorer;
    private final Verdict.RubricInfo provisionalRubric;

    private IsolatedVideoClassifier(Builder b) {
        this.settings = b.settings();
        this.provisionalScorer = b.scorerFactory == null
                ? new Verdict.ScorerInfo(HeuristicScorer.ID, "java") : new Verdict.ScorerInfo(b.scorerFactory, null);
        Rubric rubric = settings.rubric() != null ? settings.rubric()
                : b.scorerFactory == null ? new HeuristicScorer().defaultRubric() : null;
        this.provisionalRubric = rubric == null ? null : new Verdict.RubricInfo(rubric.id(), rubric.contentHash());
        String settingsLine = SettingsJson.toJson(settings); // rejects what a worker could not rebuild
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(b.jvmOptions);
        cmd.add("-cp");
        cmd.add(b.classPath);
        cmd.add(IsolatedWorker.class.getName());
        this.all = new ArrayList<>(b.workers);
        this.idle = new ArrayBlockingQueue<>(b.workers);
        for (int i = 0; i < b.workers; i++) {
            WorkerProcess w = new WorkerProcess(cmd, settingsLine, b.scorerFactory, b.startTimeout.toMillis(),
                    this::learned); // started on first use
            all.add(w);
            idle.add(w);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ClassifierSettings settings() {
        return settings;
    }

    /** Classifies a video in a worker process. Never throws for bad input or a dying worker. */
    @Override
    public Verdict classify(VideoInput input, BooleanSupplier cancelled, ProgressListener progress) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(cancelled, "cancelled");
        Objects.requireNonNull(progress, "progress");
        long t0 = System.nanoTime();
        long timeoutMs = settings.limits().decodeTimeout().toMillis();
        Progress.Stage[] last = {null};
        ProgressListener tracking = p -> {
            last[0] = p.stage();
            progress.onProgress(p);
        };
        try (InputFiles.Local file = InputFiles.toFile(input, null, settings.limits().maxBytes(),
                () -> closed || cancelled.getAsBoolean(), t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs))) {
            WorkerProcess w = take(cancelled);
            try {
                return w.classify(file.path().toAbsolutePath(), () -> closed || cancelled.getAsBoolean(), tracking,
                        timeoutMs + GRACE_MS);
            } finally {
                idle.add(w);
            }
        } catch (VideoException e) {
            return failed(e, t0);
        } catch (RuntimeException e) { // the caller's stream failing, say: still a verdict, never a throw
            return failed(new VideoException(ErrorCode.INTERNAL, "unexpected " + e), t0);
        } finally {
            if (last[0] != Progress.Stage.DONE) {
                safely(progress, new Progress(Progress.Stage.DONE, 0, 0, 0));
            }
        }
    }

    /** An idle worker; waits while all are busy. */
    private WorkerProcess take(BooleanSupplier cancelled) throws VideoException {
        try {
            while (true) {
                if (closed) {
                    throw new VideoException(ErrorCode.CANCELLED, "the classifier is closed");
                }
                if (cancelled.getAsBoolean()) {
                    throw new VideoException(ErrorCode.CANCELLED, "cancelled while waiting for a worker");
                }
                WorkerProcess w = idle.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (w != null) {
                    return w;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VideoException(ErrorCode.CANCELLED, "interrupted while waiting for a worker");
        }
    }

    private Verdict failed(VideoException e, long t0) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Verdict.ScorerInfo scorer = scorerInfo;
        Verdict.RubricInfo rubric = rubricInfo;
        return Verdict.failed(e).scorer(scorer != null ? scorer : provisionalScorer)
                .rubric(rubric != null ? rubric : provisionalRubric).timings(new Verdict.Timings(0, 0, 0, ms)).build();
    }

    private static void safely(ProgressListener listener, Progress p) {
        try {
            listener.onProgress(p);
        } catch (RuntimeException ignored) {
            // a listener's failure never changes the verdict
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never waits for a worker: before any worker has answered, the verdict names the scorer
     * factory (or the built-in scorer) and the configured rubric as far as they are known here.
     */
    @Override
    public Verdict failure(ErrorCode code, String message) {
        return failed(new VideoException(code, message), System.nanoTime());
    }

    /** What a worker told when it had made its classifier. */
    private void learned(Verdict.ScorerInfo scorer, Verdict.RubricInfo rubric) {
        if (scorerInfo == null) {
            rubricInfo = rubric;
            scorerInfo = scorer;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Known from a worker's first answer: the first call may start a worker and wait for it.
     *
     * @throws IllegalStateException when no worker could be started
     */
    @Override
    public Verdict.ScorerInfo scorerInfo() {
        handshake();
        return scorerInfo;
    }

    /** {@inheritDoc} Known from a worker's first answer, as {@link #scorerInfo()}. */
    @Override
    public Verdict.RubricInfo rubricInfo() {
        handshake();
        return rubricInfo;
    }

    private void handshake() {
        if (scorerInfo != null) {
            return;
        }
        synchronized (this) {
            if (scorerInfo != null) {
                return;
            }
            try {
                WorkerProcess w = take(() -> false);
                try {
                    w.start(() -> closed); // its answer reaches learned()
                } finally {
                    idle.add(w);
                }
            } catch (VideoException e) {
                throw new IllegalStateException("no worker process answered: " + e.getMessage(), e);
            }
        }
    }

    /** Ends every worker process; classifications under way end {@link ErrorCode#CANCELLED}. */
    @Override
    public void close() {
        closed = true;
        for (WorkerProcess w : all) {
            w.close();
        }
    }

    /**
     * Configures an {@link IsolatedVideoClassifier}: the workers here, the classification settings
     * through the shared {@link ClassifierSettings.Builder} setters (only the built-in aggregators
     * can be sent to a worker). Defaults: 2 workers, the built-in scorer,
     * {@link ClassifierSettings#DEFAULTS}, this JVM's class path and {@code java}.
     */
    public static final class Builder extends ClassifierSettings.Builder<Builder> {
        private int workers = 2;
        private String scorerFactory;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private String classPath = System.getProperty("java.class.path");
        // VM messages (a crash banner among them) must not reach standard output, the protocol stream
        private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+DisplayVMOutputToStderr",
                "-XX:+UseSerialGC"));

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** How many videos may be classified at once (one process each). */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = n;
            return this;
        }

        /**
         * The scorer the workers use: the name of a class with a public no-argument constructor that
         * implements {@code Supplier<FrameScorer>} ({@link ScorerFactories}); it must be on the
         * workers' class path. Default: the built-in scorer. Checked here, called once in each
         * worker; a factory that fails there gives {@link ErrorCode#SCORER_FAILED} verdicts.
         *
         * @throws IllegalArgumentException when the class is missing or is not such a factory
         */
        public Builder scorerFactory(String className) {
            ScorerFactories.check(className, null); // checked in this JVM, instantiated in the workers
            this.scorerFactory = className;
            return this;
        }

        /**
         * How long a worker may take to start its JVM and make its scorer (a model load included),
         * counted apart from each video's decode timeout. Default {@link #DEFAULT_START_TIMEOUT}.
         */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive");
            }
            this.startTimeout = timeout;
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

        /**
         * @throws IllegalArgumentException when the aggregator is not a built-in one
         */
        public IsolatedVideoClassifier build() {
            return new IsolatedVideoClassifier(this);
        }
    }
}
