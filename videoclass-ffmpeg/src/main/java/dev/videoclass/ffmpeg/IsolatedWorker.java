package dev.videoclass.ffmpeg;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import dev.videoclass.Verdict;
import dev.videoclass.VerdictJson;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.aggregate.Aggregators;
import dev.videoclass.rubric.Rubric;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The worker process of {@link IsolatedVideoClassifier}: reads its settings as the first line of
 * standard input, then one video path per line, and answers each with one line of verdict JSON on
 * standard output, behind {@link #VERDICT_PREFIX}. Everything else the process prints goes to standard error. Ends at the end of
 * its input. Not for direct use.
 */
public final class IsolatedWorker {
    /**
     * Marks a verdict line. Native code or the JVM itself (its crash report, for one) may write to
     * standard output too; the parent skips every line without the marker.
     */
    static final String VERDICT_PREFIX = "videoclass-verdict ";

    private IsolatedWorker() {
    }

    public static void main(String[] args) throws IOException {
        serve(path -> {
        });
    }

    /** The worker loop on this process's standard streams; {@code beforeEach} sees every path first. */
    static void serve(java.util.function.Consumer<Path> beforeEach) throws IOException {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // nothing but verdicts on the protocol stream
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String first = in.readLine();
        if (first == null) {
            return;
        }
        WorkerSettings s = VerdictJson.mapper().readValue(first, WorkerSettings.class);
        VideoClassifier classifier;
        try {
            classifier = classifier(s);
        } catch (Exception | LinkageError e) {
            // the scorer cannot be made here (a model that does not load): every video gets the
            // failed verdict that says so, rather than a worker that dies and is restarted forever
            VideoException failure = new VideoException(ErrorCode.SCORER_FAILED, "the worker's scorer ("
                    + s.scorerFactory() + ") cannot be made: " + e.getMessage(), e);
            String line;
            while ((line = in.readLine()) != null) {
                protocol.println(VERDICT_PREFIX + VerdictJson.toJson(Verdict.failed(failure,
                        new Verdict.ScorerInfo(String.valueOf(s.scorerFactory()), null), null, null, null)));
            }
            return;
        }
        try (classifier) {
            String line;
            while ((line = in.readLine()) != null) {
                Path video = Path.of(line);
                beforeEach.accept(video);
                Verdict v = classifier.classify(VideoInput.of(video));
                protocol.println(VERDICT_PREFIX + VerdictJson.toJson(v));
            }
        }
    }

    private static VideoClassifier classifier(WorkerSettings s) throws ReflectiveOperationException {
        VideoClassifier.Builder b = VideoClassifier.builder().decoder(new FfmpegVideoDecoder())
                .policy(s.policy()).limits(s.limits()).aggregator(Aggregators.parse(s.aggregator()))
                .posterMaxSide(s.posterMaxSide());
        if (s.scorerFactory() != null) {
            b.scorer(IsolatedVideoClassifier.newScorer(s.scorerFactory()));
        }
        if (s.rubricJson() != null) {
            b.rubric(Rubric.parse(s.rubricJson()));
        }
        return b.build();
    }
}
