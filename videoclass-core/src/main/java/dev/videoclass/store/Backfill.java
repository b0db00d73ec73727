package dev.videoclass.store;

import dev.videoclass.Verdict;
import dev.videoclass.Classifier;
import dev.videoclass.VideoInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Classifies every distinct video content under a folder once, into a JSON-lines file with one line
 * per content hash ({@link JsonLinesVerdictStore}'s format, with the {@code paths} that hold it):
 * {@code {"content_hash":…,"scorer_id":…,"rubric_hash":…,"paths":[…],"verdict":{…}}}
 * (bad files as failed verdicts with their error). It hashes every video file first (files with the
 * same bytes share a line, listing all their paths), then classifies the contents the output file
 * does not hold yet — so a run killed by a crash or Ctrl-C resumes where it stopped, and a second
 * run over the same folder only hashes. Lines are appended and flushed one by one; a line torn by a
 * crash is redone, and so are transient failures (timeout, cancelled, internal). Posters are not
 * written (a backfill of many videos would be mostly base64).
 *
 * <p>Video files are recognised by extension ({@link #VIDEO_EXTENSIONS}); everything else is
 * skipped. One instance runs once; {@link #run} is not reentrant.
 */
public final class Backfill {
    /** File name extensions (lower case) treated as videos. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "qt", "mkv", "webm", "avi", "3gp",
            "3g2", "mts", "m2ts", "ts", "mpg", "mpeg", "wmv", "flv", "ogv", "hevc", "h264", "264", "265");

    /**
     * What a run did.
     *
     * @param files    video files found
     * @param contents distinct contents among them
     * @param newlyDone contents classified by this run (done or failed)
     * @param reused   contents the output file already held
     * @param failed   contents whose verdict failed, classified by this run or reused from the file
     * @param seconds  wall-clock duration of the run
     */
    public record Summary(int files, int contents, int newlyDone, int reused, int failed, double seconds) {
    }

    /** Progress reports, from the thread that finished a content. */
    public interface Listener {
        /** After hashing: how many contents there are and how many the file already held. */
        default void hashed(int files, int contents, int alreadyDone) {
        }

        /**
         * After each classified content.
         *
         * @param done  contents classified so far by this run
         * @param total contents this run has to classify
         * @param rate  contents per minute so far
         * @param etaS  estimated seconds to go, or NaN before the first one
         */
        default void progress(int done, int total, double rate, double etaS) {
        }
    }

    private final Classifier classifier;
    private final int parallel;
    private final Listener listener;

    /**
     * @param classifier the classifier (shared by the threads; borrowed, not closed here)
     * @param parallel   videos classified at once, at least 1
     * @param listener   progress reports, or null
     */
    public Backfill(Classifier classifier, int parallel, Listener listener) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.parallel = parallel;
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /** Walks {@code dir}, classifies what {@code out} does not hold yet, and appends it to {@code out}. */
    public Summary run(Path dir, Path out) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<Path> files = videoFiles(dir);
        Map<String, List<Path>> byContent = byContent(files);
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "videoclass-backfill");
            t.setDaemon(true);
            return t;
        });
        try (JsonLinesVerdictStore store = new JsonLinesVerdictStore(out, false)) {
            List<Map.Entry<String, List<Path>>> todo = new ArrayList<>();
            int reused = 0;
            AtomicInteger failed = new AtomicInteger();
            for (Map.Entry<String, List<Path>> e : byContent.entrySet()) {
                Optional<Verdict> stored = store.find(VerdictKey.of(e.getKey(), classifier));
                if (stored.isPresent()) {
                    reused++;
                    if (!stored.get().isDone()) {
                        failed.incrementAndGet(); // a stored (permanent) failure is still a failed content
                    }
                } else {
                    todo.add(e);
                }
            }
            listener.hashed(files.size(), byContent.size(), reused);
            AtomicInteger finished = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean aborted = new java.util.concurrent.atomic.AtomicBoolean();
            long classifyStart = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<String, List<Path>> e : todo) {
                futures.add(pool.submit(() -> {
                    if (aborted.get()) {
                        return null; // another content failed to be recorded: stop, as a crash would
                    }
                    try {
                        Verdict v = classifier.classify(VideoInput.of(e.getValue().get(0)));
                        store.put(VerdictKey.of(e.getKey(), classifier), v,
                                e.getValue().stream().map(Path::toString).toList());
                        if (!v.isDone()) {
                            failed.incrementAndGet();
                        }
                        int n = finished.incrementAndGet();
                        double minutes = (System.nanoTime() - classifyStart) / 60e9;
                        double rate = n / Math.max(minutes, 1e-9);
                        listener.progress(n, todo.size(), rate, (todo.size() - n) / rate * 60);
                        return null;
                    } catch (IOException | RuntimeException ex) {
                        aborted.set(true);
                        throw ex;
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    if (ex.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("backfill worker failed: " + ex.getCause(), ex.getCause());
                }
            }
            return new Summary(files.size(), byContent.size(), finished.get(), reused, failed.get(),
                    (System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Video files under {@code dir} (by extension), in a stable (sorted) order. */
    public static List<Path> videoFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(Backfill::looksLikeVideo).sorted().toList();
        }
    }

    /** The files grouped by {@link ContentHash}, in the order of each content's first file. */
    public static Map<String, List<Path>> byContent(List<Path> files) throws IOException {
        Map<String, List<Path>> byContent = new LinkedHashMap<>();
        for (Path f : files) {
            byContent.computeIfAbsent(ContentHash.of(f), h -> new ArrayList<>()).add(f);
        }
        return byContent;
    }

    static boolean looksLikeVideo(Path p) {
        return looksLikeVideo(p.getFileName().toString());
    }

    /**
     * Whether a file of this name is taken for a video: its extension, in any case, is one of
     * {@link #VIDEO_EXTENSIONS}. For walkers of other file systems (HDFS, object stores) that must pick
     * the same files as {@link #videoFiles}.
     *
     * @param name a file name without its folder, e.g. {@code clip.MOV}
     */
    public static boolean looksLikeVideo(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
