package dev.videoclass.maven;

import dev.videoclass.Frame;
import dev.videoclass.FrameScorer;
import dev.videoclass.VideoException;
import dev.videoclass.heuristic.HeuristicScorer;
import dev.videoclass.rubric.Rubric;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Scorer factories for {@link CalibrateMojoTest}: one that works, and each way one can be broken. */
public final class ScorerFactoryFixtures {
    private ScorerFactoryFixtures() {
    }

    /** The built-in scorer under its own id; counts how often its scorers are closed. */
    public static final class Renamed implements Supplier<FrameScorer> {
        static final String ID = "test-custom-scorer-v1";
        static final AtomicInteger CLOSED = new AtomicInteger();

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
                    return builtIn.executionProvider();
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
                    CLOSED.incrementAndGet();
                    builtIn.close();
                }
            };
        }
    }

    /** A constructor that throws. */
    public static final class ThrowingConstructor implements Supplier<FrameScorer> {
        public ThrowingConstructor() {
            throw new IllegalStateException("no licence key");
        }

        @Override
        public FrameScorer get() {
            return null;
        }
    }

    /** A {@code get()} that throws. */
    public static final class ThrowingGet implements Supplier<FrameScorer> {
        @Override
        public FrameScorer get() {
            throw new IllegalStateException("model file missing");
        }
    }

    /** A {@code get()} that makes something else. */
    public static final class NotAScorer implements Supplier<Object> {
        @Override
        public Object get() {
            return "a string";
        }
    }

    /** No no-argument constructor. */
    public static final class NeedsArgument implements Supplier<FrameScorer> {
        public NeedsArgument(String model) {
        }

        @Override
        public FrameScorer get() {
            return null;
        }
    }
}
