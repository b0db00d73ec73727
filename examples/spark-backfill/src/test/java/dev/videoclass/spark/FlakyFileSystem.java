package dev.videoclass.spark;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local file system under the scheme {@code flaky:}, where the second opening of each file fails:
 * a file that hashes (first open) and then cannot be read when it is to be classified, as a file on
 * a shared store that goes away for a moment. Later openings succeed again. Register it with
 * {@code fs.flaky.impl}; the counts are per JVM (local mode runs the executors in the test's JVM).
 */
public final class FlakyFileSystem extends RawLocalFileSystem {
    private static final URI ROOT = URI.create("flaky:///");
    private static final Map<String, AtomicInteger> OPENS = new ConcurrentHashMap<>();

    @Override
    public URI getUri() {
        return ROOT;
    }

    @Override
    public String getScheme() {
        return "flaky";
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        if (OPENS.computeIfAbsent(f.toUri().getPath(), k -> new AtomicInteger()).incrementAndGet() == 2) {
            throw new IOException("injected: " + f + " cannot be read just now");
        }
        return super.open(f, bufferSize);
    }
}
