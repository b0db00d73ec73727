package dev.videoclass.spark;

import dev.videoclass.store.ContentHash;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

/**
 * Stage 1 on the executors: the content hash ({@link ContentHash}, SHA-256) of each file of a
 * partition, streamed through Hadoop's file system. A file that cannot be read gets no hash and its
 * error instead: it is left out of this run, not stored, and looked at again by the next one. Results
 * come out as the files are read, one at a time.
 */
final class HashFiles implements FlatMapFunction<Iterator<String>, HashFiles.Hashed> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HashFiles.class);

    /**
     * One file's outcome.
     *
     * @param path        the file's URI
     * @param contentHash SHA-256 hex of its bytes, or null when it could not be read
     * @param error       why it could not be read, or null
     */
    record Hashed(String path, String contentHash, String error) implements Serializable {
        private static final long serialVersionUID = 1L;

        boolean readable() {
            return contentHash != null;
        }
    }

    private final Broadcast<SerializableConfiguration> hadoopConf;

    HashFiles(Broadcast<SerializableConfiguration> hadoopConf) {
        this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Hashed> call(Iterator<String> paths) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(paths, 0), false).map(this::hash).iterator();
    }

    private Hashed hash(String path) {
        try (InputStream in = InputListing.open(path, hadoopConf.value().value())) {
            return new Hashed(path, ContentHash.of(in), null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}, left for the next run: {}", path, e.toString());
            return new Hashed(path, null, e.toString());
        }
    }
}
