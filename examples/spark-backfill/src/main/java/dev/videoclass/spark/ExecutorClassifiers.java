package dev.videoclass.spark;

import dev.videoclass.Classifier;
import dev.videoclass.VideoClassifier;
import dev.videoclass.VideoException;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classifiers of this JVM: one per {@link ClassifierSpec}, built by the first task that asks and
 * shared by every later task of the executor (a {@link VideoClassifier} is thread safe). FFmpeg's and
 * ONNX Runtime's natives load once per JVM, and an ONNX model is loaded once per executor, not once
 * per task. The classifiers live as long as the JVM and are closed when it exits.
 *
 * <p>The ONNX scorer runs on the executor's GPU when Spark assigned it one (resource {@code gpu},
 * {@code spark.executor.resource.gpu.amount}): the first address the building task holds is the CUDA
 * device. Thread safe.
 */
final class ExecutorClassifiers {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClassifiers.class);
    private static final Map<ClassifierSpec, Classifier> OPEN = new ConcurrentHashMap<>();

    private ExecutorClassifiers() {
    }

    /**
     * This JVM's classifier for {@code spec}, built on first use (other tasks wait for it).
     *
     * @throws IllegalStateException when the ONNX model cannot be loaded: the task fails, and with it
     *                               the job, rather than storing a failed verdict for every content
     */
    static Classifier get(ClassifierSpec spec) {
        return OPEN.computeIfAbsent(spec, ExecutorClassifiers::open);
    }

    private static Classifier open(ClassifierSpec spec) {
        Path model = spec.scorer().equals("onnx") ? modelDir(spec) : null;
        int device = gpuAddress();
        FfmpegVideoDecoder.preload(); // once per JVM, before the first task's first video waits for it
        try {
            VideoClassifier c = spec.open(model, device);
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "videoclass-classifier-close"));
            LOG.info("classifier of this executor: scorer {} on {}, rubric {}", c.scorerInfo().id(),
                    c.scorerInfo().provider(), c.rubricInfo().hash());
            return c;
        } catch (VideoException e) {
            throw new IllegalStateException("cannot load the ONNX model " + model + ": " + e.getMessage(), e);
        }
    }

    /** Where the model directory is on this machine: shipped into SparkFiles under its name, or as named. */
    private static Path modelDir(ClassifierSpec spec) {
        if (!spec.modelShipped()) {
            return Path.of(spec.model());
        }
        return Path.of(SparkFiles.get(new org.apache.hadoop.fs.Path(spec.model()).getName()));
    }

    /** The first GPU address Spark gave the current task, else 0. */
    private static int gpuAddress() {
        TaskContext task = TaskContext.get();
        ResourceInformation gpu = task == null ? null : task.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return 0;
        }
        try {
            return Integer.parseInt(gpu.addresses()[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
