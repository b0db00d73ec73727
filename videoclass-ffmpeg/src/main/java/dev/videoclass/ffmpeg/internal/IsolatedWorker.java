package dev.videoclass.ffmpeg.internal;

import dev.videoclass.ClassifierSettings;
import dev.videoclass.ErrorCode;
import dev.videoclass.spi.ScorerFactories;
import dev.videoclass.Verdict;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import dev.videoclass.json.SettingsJson;
import dev.videoclass.json.VerdictJson;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The main class of an isolated worker process ({@link WorkerProtocol}): builds one
 * {@link VideoClassifier} with the FFmpeg decoder from the settings it is sent and classifies one
 * video per input line until its input ends. Not for direct use.
 */
public final class IsolatedWorker {
    private IsolatedWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // nothing but protocol lines on the protocol stream
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String settingsLine = in.readLine();
        String factoryLine = in.readLine();
        if (settingsLine == null || factoryLine == null) {
            return;
        }
        ClassifierSettings settings = SettingsJson.parse(settingsLine);
        String factory = WorkerProtocol.NO_FACTORY.equals(factoryLine) ? null : factoryLine;
        VideoClassifier classifier;
        try {
            VideoClassifier.Builder b = VideoClassifier.builder().decoder(new FfmpegVideoDecoder()).settings(settings);
            if (factory != null) {
                b.scorer(ScorerFactories.make(factory, null));
            }
            classifier = b.build();
        } catch (Exception | LinkageError e) {
            // the scorer cannot be made here (a model that does not load): every video gets the
            // failed verdict that says so, rather than a worker that dies and is restarted forever
            answerFailures(in, protocol, settings, factory, "the worker's scorer (" + factory + ") cannot be made: " + e.getMessage());
            return;
        }
        try (classifier) {
            protocol.println(WorkerProtocol.READY + VerdictJson.toJson(
                    new WorkerProtocol.Ready(classifier.scorerInfo(), classifier.rubricInfo(), null)));
            String line;
            while ((line = in.readLine()) != null) {
                Verdict v = classifier.classify(VideoInput.of(WorkerProtocol.decodePath(line)), () -> false,
                        p -> protocol.println(WorkerProtocol.PROGRESS + VerdictJson.toJson(p)));
                protocol.println(WorkerProtocol.VERDICT + VerdictJson.toJson(v));
            }
        }
    }

    private static void answerFailures(BufferedReader in, PrintStream protocol, ClassifierSettings settings,
                                       String factory, String message) throws IOException {
        String oneLine = message.replace('\n', ' ');
        Verdict.ScorerInfo scorer = new Verdict.ScorerInfo(String.valueOf(factory), null);
        Verdict.RubricInfo rubric = settings.rubric() == null ? new Verdict.RubricInfo("unbound", "unbound")
                : new Verdict.RubricInfo(settings.rubric().id(), settings.rubric().contentHash());
        protocol.println(WorkerProtocol.READY + VerdictJson.toJson(new WorkerProtocol.Ready(scorer, rubric, oneLine)));
        while (in.readLine() != null) {
            protocol.println(WorkerProtocol.VERDICT + VerdictJson.toJson(Verdict.failed(ErrorCode.SCORER_FAILED, oneLine)
                    .scorer(scorer).rubric(rubric).timings(Verdict.Timings.ZERO).build()));
        }
    }
}
