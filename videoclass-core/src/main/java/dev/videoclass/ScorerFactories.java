package dev.videoclass;

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
     * @throws IllegalArgumentException when the class is missing, is not a {@code Supplier} or has no
     *                                  public no-argument constructor; the message names the class
     */
    public static Class<? extends Supplier<?>> check(String className, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(className, false, loader == null ? ScorerFactories.class.getClassLoader() : loader);
            if (!Supplier.class.isAssignableFrom(c)) {
                throw new IllegalArgumentException(className + " is not a Supplier<FrameScorer>");
            }
            c.getConstructor(); // public, no arguments
            @SuppressWarnings("unchecked")
            Class<? extends Supplier<?>> factory = (Class<? extends Supplier<?>>) c;
            return factory;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("scorer factory class not found: " + className, e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a public no-argument constructor", e);
        }
    }

    /**
     * Instantiates the factory and returns the scorer it makes; the caller owns (closes) it.
     *
     * @throws IllegalArgumentException as {@link #check}, or when the factory makes something else
     * @throws ReflectiveOperationException when the constructor fails
     * @throws RuntimeException         whatever the factory's {@code get()} throws (a model that does not load)
     */
    public static FrameScorer make(String className, ClassLoader loader) throws ReflectiveOperationException {
        Object scorer = check(className, loader).getConstructor().newInstance().get();
        if (!(scorer instanceof FrameScorer fs)) {
            throw new IllegalArgumentException(className + " made " + scorer + ", not a FrameScorer");
        }
        return fs;
    }
}
