package dev.videoclass.spi;

import dev.videoclass.VideoException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

/**
 * Makes a {@link FrameScorer} from a class name: the convention by which a scorer is named where no
 * object can be passed (worker processes of {@code IsolatedVideoClassifier}, the Maven goal's
 * {@code <scorerFactory>}). The class has a public no-argument constructor and implements
 * {@code Supplier<FrameScorer>}:
 *
 * <pre>{@code
 * public final class SiglipScorers implements Supplier<FrameScorer> {
 *     public FrameScorer get() {
 *         try { return OnnxScorer.open(Path.of("/models/siglip2-so400m")); }
 *         catch (VideoException e) { throw new IllegalStateException(e.getMessage(), e); }
 *     }
 * }
 * }</pre>
 *
 * Stateless and thread safe.
 */
public final class ScorerFactories {
    private ScorerFactories() {
    }

    /**
     * Loads and checks the factory class without instantiating it.
     *
     * @param loader where to look, or null for this class's loader
     * @throws IllegalArgumentException when the class is missing (its cause is then the
     *                                  {@link ClassNotFoundException}), cannot be loaded, is not a
     *                                  concrete {@code Supplier} or has no public no-argument
     *                                  constructor; the message starts with the class name
     */
    public static Class<? extends Supplier<?>> check(String className, ClassLoader loader) {
        Class<?> c;
        try {
            c = Class.forName(className, false, loader == null ? ScorerFactories.class.getClassLoader() : loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(className + " not found on the class path", e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException(className + " cannot be loaded: " + e, e);
        }
        if (!Supplier.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(className + " does not implement java.util.function.Supplier<"
                    + FrameScorer.class.getName() + ">");
        }
        if (Modifier.isAbstract(c.getModifiers())) {
            throw new IllegalArgumentException(className + " is abstract or an interface: name a concrete class");
        }
        try {
            c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a public no-argument constructor", e);
        }
        @SuppressWarnings("unchecked")
        Class<? extends Supplier<?>> factory = (Class<? extends Supplier<?>>) c;
        return factory;
    }

    /**
     * Instantiates the factory and returns the scorer its {@code get()} makes; the caller owns
     * (closes) it.
     *
     * @throws IllegalArgumentException as {@link #check}, or when the constructor throws
     * @throws IllegalStateException    when {@code get()} throws (a model that does not load) or makes
     *                                  something other than a scorer; the message starts with the
     *                                  class name and includes the cause
     */
    public static FrameScorer make(String className, ClassLoader loader) {
        Supplier<?> factory;
        try {
            factory = check(className, loader).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(className + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException(className + " cannot be instantiated: " + e, e);
        }
        Object made;
        try {
            made = factory.get();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(className + ".get() failed: " + e, e);
        }
        if (made instanceof FrameScorer scorer) {
            return scorer;
        }
        if (made instanceof AutoCloseable other) {
            try {
                other.close();
            } catch (Exception ignored) {
                // already failing with a clearer message
            }
        }
        throw new IllegalStateException(className + ".get() returned "
                + (made == null ? "null" : "a " + made.getClass().getName()) + ", not a " + FrameScorer.class.getName());
    }
}
