package dev.videoclass.spark;

import dev.videoclass.Classifier;
import dev.videoclass.ErrorCode;
import dev.videoclass.Verdict;
import dev.videoclass.VideoInput;
import dev.videoclass.store.VerdictKey;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

/**
 * Stage 4 on the executors: classifies each content of a partition once, with this executor's
 * shared classifier ({@link ExecutorClassifiers}), into its output row ({@link VerdictRows}). The
 * bytes reach the library as a stream from Hadoop's file system (the library spools them within the
 * size limit), never as a path: FFmpeg never sees the archive's URIs.
 *
 * <p>The first of the content's paths that opens is classified (they hold the same bytes). When none
 * opens, or the classifier throws (a bug, not bad input), the row carries a failed verdict with the
 * transient code {@link ErrorCode#INTERNAL}: written for the record, never taken as done, so the
 * next run tries again. Nothing here fails the task for one content. Input: (content hash, its
 * paths, sorted); rows come out one at a time as they are classified.
 */
final class ClassifyContents implements FlatMapFunction<Iterator<Tuple2<String, List<String>>>, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ClassifyContents.class);

    private final ClassifierSpec spec;
    private final Broadcast<SerializableConfiguration> hadoopConf;

    ClassifyContents(ClassifierSpec spec, Broadcast<SerializableConfiguration> hadoopConf) {
        this.spec = spec;
        this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<String, List<String>>> contents) {
        Classifier classifier = ExecutorClassifiers.get(spec);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(contents, 0), false)
                .map(c -> classify(classifier, c._1(), c._2())).iterator();
    }

    private Row classify(Classifier classifier, String contentHash, List<String> paths) {
        Verdict v = firstReadable(classifier, paths);
        return VerdictRows.row(VerdictKey.of(contentHash, classifier), paths, v, spec.posters());
    }

    private Verdict firstReadable(Classifier classifier, List<String> paths) {
        String problem = "no path";
        for (String path : paths) {
            InputStream in;
            try {
                in = InputListing.open(path, hadoopConf.value().value());
            } catch (IOException | RuntimeException e) {
                problem = path + ": " + e;
                LOG.warn("cannot open {}: {}", path, e.toString());
                continue;
            }
            try {
                return classifier.classify(VideoInput.of(in));
            } catch (RuntimeException e) {
                LOG.error("classifier failed on {}", path, e);
                return classifier.failure(ErrorCode.INTERNAL, "the classifier failed: " + e);
            } finally {
                closeQuietly(in, path);
            }
        }
        return classifier.failure(ErrorCode.INTERNAL, "cannot read the content at any of its paths, last " + problem);
    }

    private static void closeQuietly(InputStream in, String path) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", path, e.toString());
        }
    }
}
