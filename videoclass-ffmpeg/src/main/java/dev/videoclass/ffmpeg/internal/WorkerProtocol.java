package dev.videoclass.ffmpeg.internal;

import dev.videoclass.Verdict;
import dev.videoclass.json.VerdictJson;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The line protocol between {@code IsolatedVideoClassifier} and its worker processes. The parent
 * writes two lines, the settings ({@link dev.videoclass.json.SettingsJson}) and the scorer factory
 * class name (or {@link #NO_FACTORY}), then one video path per line as a JSON string (a file name
 * may contain a line break). The worker answers once with
 * {@link #READY} and, per video, any number of {@link #PROGRESS} lines and one {@link #VERDICT}
 * line, each followed by JSON. Lines without a marker (native code or the JVM writing to standard
 * output, a crash report among them) are skipped.
 */
final class WorkerProtocol {
    /** The worker has made its classifier: JSON of {@link Ready}. */
    static final String READY = "videoclass-ready ";
    /** A progress report of the video being classified: JSON of {@link dev.videoclass.Progress}. */
    static final String PROGRESS = "videoclass-progress ";
    /** The verdict on the video: its JSON. */
    static final String VERDICT = "videoclass-verdict ";
    /** The second settings line when the workers use the built-in scorer. */
    static final String NO_FACTORY = "-";

    private WorkerProtocol() {
    }

    /** A request line: the path as a JSON string. */
    static String encodePath(Path video) {
        return VerdictJson.toJson(video.toString());
    }

    /** The path of a request line. */
    static Path decodePath(String line) throws IOException {
        return Path.of(VerdictJson.reader().forType(String.class).<String>readValue(line));
    }

    /**
     * What the worker tells once its classifier is made: the scorer and rubric its verdicts name, and
     * whether the scorer could be made at all ({@code failure} is then the one-line reason).
     */
    record Ready(Verdict.ScorerInfo scorer, Verdict.RubricInfo rubric, String failure) {
    }
}
