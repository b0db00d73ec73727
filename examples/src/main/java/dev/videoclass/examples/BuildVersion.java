package dev.videoclass.examples;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code videoclass --version} prints: the project version the build wrote into
 * {@code version.properties} (Maven resource filtering), so it cannot drift from the artifact's.
 * Stateless.
 */
final class BuildVersion implements CommandLine.IVersionProvider {
    /** The resource, next to this class, that holds {@code version=<project version>}. */
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"videoclass " + version()};
    }

    /** The project version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: a broken build");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }
}
