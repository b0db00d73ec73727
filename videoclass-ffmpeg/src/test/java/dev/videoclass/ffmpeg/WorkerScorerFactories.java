package dev.videoclass.ffmpeg;

import dev.videoclass.Frame;
import dev.videoclass.FrameScorer;
import dev.videoclass.VideoException;
import dev.videoclass.heuristic.HeuristicScorer;
import dev.videoclass.rubric.Rubric;

import java.util.List;
import java.util.function.Supplier;

/** Scorer factories for the worker processes of IsolatedVideoClassifierTest. */
final class WorkerScorerFactories {
    private WorkerScorerFactories() {
    }

    /** The built-in scorer under another id, so a test can see the worker used the factory. */
    public static final class Renamed implements Supplier<FrameScorer> {
        @Override
        public FrameScorer get() {
            HeuristicScorer inner = new HeuristicScorer();
            return new FrameScorer() {
                @Override
                public String id() {
                    return "heuristic-from-factory";
                }

                @Override
                public String executionProvider() {
                    return inner.executionProvider();
                }

                @Override
                public Rubric defaultRubric() {
                    return inner.defaultRubric();
                }

                @Override
                public Frame prepare(Frame frame) {
                    return inner.prepare(frame);
                }

                @Override
                public float[][] score(List<Frame> prepared, Rubric rubric) throws VideoException {
                    return inner.score(prepared, rubric);
                }
            };
        }
    }

    /** A factory whose model does not load. */
    public static final class Broken implements Supplier<FrameScorer> {
        @Override
        public FrameScorer get() {
            throw new IllegalStateException("model file missing");
        }
    }
}
