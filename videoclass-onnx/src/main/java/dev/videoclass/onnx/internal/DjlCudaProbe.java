package dev.videoclass.onnx.internal;

/**
 * Keeps DJL's CUDA probe from running (and warning) on a machine without an NVIDIA driver.
 *
 * <p>Loading the tokenizers' native library makes DJL (0.38) detect its platform
 * ({@code ai.djl.util.Platform.fromSystem}, twice), which asks the CUDA runtime how many GPUs there are
 * whenever a {@code libcudart} is installed. Without a driver that call fails, and DJL's
 * {@code ai.djl.util.cuda.CudaUtils} logs "Failed to detect GPU count: CUDA driver version is
 * insufficient for CUDA runtime version" at WARN each time. {@code CudaUtils} loads {@code libcudart}
 * once, when the class initialises, and skips loading it when the system property
 * {@value #DJL_FORK_PROPERTY} is true then (it would ask a child JVM instead). So, where no driver
 * exists and the property is unset, this initialises {@code CudaUtils} with the property set and then
 * removes it: DJL keeps no CUDA library and answers "0 GPUs" — the right answer without a driver —
 * quietly, in this process. With a driver nothing changes. Thread safe; only the first call acts.
 */
public final class DjlCudaProbe {
    /** DJL's switch for asking a child JVM about GPUs instead of loading the CUDA runtime in-process. */
    public static final String DJL_FORK_PROPERTY = "ai.djl.util.cuda.fork";
    private static final String CUDA_UTILS = "ai.djl.util.cuda.CudaUtils";
    private static boolean done;

    private DjlCudaProbe() {
    }

    /** Call before the first tokenizer is created. */
    public static synchronized void quietWithoutDriver() {
        if (done) {
            return;
        }
        done = true;
        if (NvidiaDriver.present() || System.getProperty(DJL_FORK_PROPERTY) != null) {
            return;
        }
        System.setProperty(DJL_FORK_PROPERTY, "true");
        try {
            Class.forName(CUDA_UTILS, true, DjlCudaProbe.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // another DJL version or none: nothing to quieten
        } finally {
            System.clearProperty(DJL_FORK_PROPERTY);
        }
    }
}
