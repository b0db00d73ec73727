package dev.videoclass.ffmpeg;

import dev.videoclass.Frame;
import dev.videoclass.spi.FrameScorer;
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
            return new BuiltIn() {
                @Override
                public String id() {
                    return "heuristic-from-factory";
                }
            };
        }
    }

    /**
     * The built-in scorer, except that scoring while the file named by the system property
     * {@value #CRASH_MARKER} exists deletes it and makes the process write to address 0 — a genuine
     * native crash (SIGSEGV), like a decoder bug would cause.
     */
    public static final class CrashingOnMarker implements Supplier<FrameScorer> {
        static final String CRASH_MARKER = "videoclass.test.crashMarker";

        @Override
        public FrameScorer get() {
            return new BuiltIn() {
                @Override
                public float[][] score(List<Frame> prepared, Rubric rubric) throws VideoException {
                    String marker = System.getProperty(CRASH_MARKER);
                    try {
                        if (marker != null && java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(marker))) {
                            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                            f.setAccessible(true);
                            ((sun.misc.Unsafe) f.get(null)).putByte(0L, (byte) 1);
                        }
                    } catch (java.io.IOException | ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    return super.score(prepared, rubric);
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

    /** Forwards everything to the built-in scorer; the factories above override one method each. */
    private static class BuiltIn implements FrameScorer {
        private final HeuristicScorer inner = new HeuristicScorer();

        @Override
        public String id() {
            return inner.id();
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
    }
}
