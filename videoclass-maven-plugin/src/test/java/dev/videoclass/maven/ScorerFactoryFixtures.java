package dev.videoclass.maven;

import dev.videoclass.spi.FrameScorer;
import dev.videoclass.heuristic.HeuristicScorer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
            FrameScorer builtIn = new HeuristicScorer();
            return (FrameScorer) Proxy.newProxyInstance(FrameScorer.class.getClassLoader(), new Class<?>[] {FrameScorer.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("id")) {
                            return ID;
                        }
                        if (method.getName().equals("close")) {
                            CLOSED.incrementAndGet();
                        }
                        try {
                            return method.invoke(builtIn, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
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
