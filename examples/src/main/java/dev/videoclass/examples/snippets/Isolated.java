package dev.videoclass.examples.snippets;

import dev.videoclass.spi.FrameScorer;
import dev.videoclass.Verdict;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.ffmpeg.IsolatedVideoClassifier;
import dev.videoclass.onnx.OnnxScorer;
import dev.videoclass.rubric.Rubric;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Classification in worker JVMs, with the built-in scorer or a named scorer factory. */
public final class Isolated {
    private Isolated() {
    }

    /** Classifies an upload in a worker process with the built-in scorer. */
    public static Verdict builtIn(byte[] uploadBytes) {
        // tag::isolated[]
        try (IsolatedVideoClassifier isolated = IsolatedVideoClassifier.builder().workers(2).build()) {
            return isolated.classify(VideoInput.of(uploadBytes));   // a native crash: one failed verdict
        }
        // end::isolated[]
    }

    // tag::scorer-factory[]
    /** Opens the model named by the system property {@code siglip.dir} in each worker. */
    public static final class SiglipScorers implements Supplier<FrameScorer> {
        @Override
        public FrameScorer get() {
            try {
                return OnnxScorer.open(Path.of(System.getProperty("siglip.dir", "/models/siglip2-so400m")));
            } catch (VideoException e) {
                throw new IllegalStateException(e.getMessage(), e);   // the workers answer scorer_failed
            }
        }
    }

    static IsolatedVideoClassifier withModel(Rubric rubric) {
        return IsolatedVideoClassifier.builder()
                .scorerFactory(SiglipScorers.class.getName())
                .jvmOption("-Dsiglip.dir=" + System.getProperty("siglip.dir", "/models/siglip2-so400m"))
                .rubric(rubric)                                       // null: the model's own rubric.json
                .build();
    }
    // end::scorer-factory[]

    /** Classifies an upload in a worker process whose scorer the factory makes. */
    public static Verdict withModel(Rubric rubric, byte[] uploadBytes) {
        try (IsolatedVideoClassifier isolated = withModel(rubric)) {
            return isolated.classify(VideoInput.of(uploadBytes));
        }
    }
}
