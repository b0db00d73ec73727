package dev.videoclass.maven;

import dev.videoclass.FrameScorer;
import org.apache.maven.plugin.MojoExecutionException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

/**
 * Opens the scorer a {@code scorerFactory} names: a class with a public no-argument constructor
 * that implements {@code Supplier<FrameScorer>} — the convention of {@code IsolatedVideoClassifier}
 * — loaded from the plugin's class realm, which holds the artifacts listed in the plugin's
 * {@code <dependencies>}. Every way this can go wrong (class missing, wrong type, constructor or
 * {@code get()} throwing, not a scorer) is a {@link MojoExecutionException} that names the class.
 * Stateless.
 */
final class ScorerFactories {
    private ScorerFactories() {
    }

    /**
     * Makes the factory and calls {@code get()} once.
     *
     * @param className the factory's binary class name, e.g. {@code com.example.SiglipScorers}
     * @param loader    where to look for it (the plugin realm)
     * @return the scorer, which the caller closes
     */
    static FrameScorer open(String className, ClassLoader loader) throws MojoExecutionException {
        Supplier<?> factory = newFactory(className, loader);
        Object made;
        try {
            made = factory.get();
        } catch (RuntimeException | LinkageError e) {
            throw new MojoExecutionException("videoclass:calibrate: scorerFactory " + className + ".get() failed: " + e, e);
        }
        if (made instanceof FrameScorer scorer) {
            return scorer;
        }
        if (made instanceof AutoCloseable other) {
            closeQuietly(other);
        }
        throw new MojoExecutionException("videoclass:calibrate: scorerFactory " + className + ".get() returned "
                + (made == null ? "null" : "a " + made.getClass().getName()) + ", not a " + FrameScorer.class.getName());
    }

    private static Supplier<?> newFactory(String className, ClassLoader loader) throws MojoExecutionException {
        String prefix = "videoclass:calibrate: scorerFactory " + className;
        Class<?> c;
        try {
            c = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new MojoExecutionException(prefix + " not found: add the artifact that holds it to the plugin's"
                    + " <dependencies>", e);
        } catch (LinkageError e) {
            throw new MojoExecutionException(prefix + " cannot be loaded: " + e, e);
        }
        if (!Supplier.class.isAssignableFrom(c)) {
            throw new MojoExecutionException(prefix + " does not implement java.util.function.Supplier<"
                    + FrameScorer.class.getName() + ">");
        }
        try {
            if (Modifier.isAbstract(c.getModifiers())) {
                throw new MojoExecutionException(prefix + " is abstract or an interface: name a concrete class");
            }
            return (Supplier<?>) c.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new MojoExecutionException(prefix + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new MojoExecutionException(prefix + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MojoExecutionException(prefix + " cannot be instantiated: " + e, e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already failing with a clearer message
        }
    }
}
