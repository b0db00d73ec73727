package dev.videoclass.it.scorer;

import dev.videoclass.Frame;
import dev.videoclass.spi.FrameScorer;
import dev.videoclass.VideoException;
import dev.videoclass.heuristic.HeuristicScorer;
import dev.videoclass.rubric.Rubric;

import java.util.List;
import java.util.function.Supplier;

/**
 * A scorer factory as a user would write one: a public no-argument constructor, {@code get()} makes
 * the scorer. The scorer is the built-in one under an id of its own, and says when it is closed.
 */
public final class CustomScorers implements Supplier<FrameScorer> {
    public static final String ID = "it-custom-scorer-v1";

    @Override
    public FrameScorer get() {
        HeuristicScorer builtIn = new HeuristicScorer();
        return new FrameScorer() {
            @Override
            public String id() {
                return ID;
            }

            @Override
            public String executionProvider() {
                return "java";
            }

            @Override
            public Rubric defaultRubric() {
                return builtIn.defaultRubric();
            }

            @Override
            public Frame prepare(Frame frame) {
                return builtIn.prepare(frame);
            }

            @Override
            public float[][] score(List<Frame> prepared, Rubric rubric) throws VideoException {
                return builtIn.score(prepared, rubric);
            }

            @Override
            public void close() {
                builtIn.close();
                System.out.println("[it] " + ID + " closed");
            }
        };
    }
}
