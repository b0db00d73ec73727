package dev.videoclass.maven;

import dev.videoclass.spi.FrameScorer;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Opens the scorer a {@code scorerFactory} names ({@link dev.videoclass.spi.ScorerFactories}: a class
 * with a public no-argument constructor that implements {@code Supplier<FrameScorer>}), loaded from
 * the plugin's class realm, which holds the artifacts listed in the plugin's {@code <dependencies>}.
 * Every way this can go wrong is a {@link MojoExecutionException} that names the class. Stateless.
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
        try {
            return dev.videoclass.spi.ScorerFactories.make(className, loader);
        } catch (RuntimeException e) {
            String hint = e.getCause() instanceof ClassNotFoundException
                    ? ": add the artifact that holds it to the plugin's <dependencies>" : "";
            throw new MojoExecutionException("videoclass:calibrate: scorerFactory " + e.getMessage() + hint, e);
        }
    }
}
