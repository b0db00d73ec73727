package dev.videoclass.onnx.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.videoclass.VideoException;
import dev.videoclass.onnx.OnnxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static dev.videoclass.onnx.internal.Errors.fail;
import static dev.videoclass.onnx.internal.Errors.oneLine;

/**
 * Chooses the execution provider of a scorer's sessions and opens them on it: CUDA when the options
 * allow it and the CUDA provider loads, else the CPU.
 *
 * <p>Whether CUDA can load is learnt once per process and said once: on ONNX Runtime's CPU build
 * ({@code com.microsoft.onnxruntime:onnxruntime}, which has no CUDA provider) and on a machine
 * without an NVIDIA driver, {@code AUTO} logs one INFO line naming the reason; where the driver exists
 * but the CUDA provider cannot load (CUDA 12 or cuDNN 9 libraries missing), one WARN line. A forced
 * {@code CUDA} fails with {@code scorer_failed} and the same reason — on the CPU build, naming the
 * artifact to add. Thread safe.
 */
public final class ExecutionProviders {
    /** Provider name of CUDA, as {@code FrameScorer.executionProvider()} reports it. */
    public static final String CUDA = "cuda";
    /** Provider name of the CPU. */
    public static final String CPU = "cpu";
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProviders.class);

    /** Why CUDA cannot run in this process ("" when it may); null until probed. */
    private static String cudaProbe;
    private static boolean cpuChoiceLogged;

    /** A session and the provider it runs on ({@link #CUDA} or {@link #CPU}). */
    public record Opened(OrtSession session, String provider) {
    }

    private ExecutionProviders() {
    }

    /**
     * Opens {@code file} on CUDA when {@code options} allow it and CUDA can run it, else on the CPU.
     *
     * @param fixedProvider the provider another session of the same scorer runs on (all towers run on
     *                      one provider), or null for the scorer's first session
     * @throws VideoException {@code scorer_failed} when CUDA is forced and cannot run the model
     */
    public static Opened open(OrtEnvironment env, Path file, OnnxOptions options, String fixedProvider)
            throws OrtException, VideoException {
        boolean forced = options.provider() == OnnxOptions.Provider.CUDA || CUDA.equals(fixedProvider);
        boolean tryCuda = fixedProvider != null ? forced : options.provider() != OnnxOptions.Provider.CPU;
        if (tryCuda) {
            String unavailable = cudaUnavailable();
            if (unavailable == null) {
                try (OrtSession.SessionOptions so = sessionOptions(options)) {
                    so.addCUDA(options.cudaDevice());
                    return new Opened(env.createSession(file.toString(), so), CUDA);
                } catch (OrtException | UnsatisfiedLinkError e) {
                    unavailable = oneLine(e);
                    if (!forced) {
                        LOG.warn("videoclass ONNX scorer: CUDA cannot run {} ({}); using the CPU provider",
                                file.getFileName(), unavailable);
                    }
                }
            } else if (!forced) {
                logCpuChoiceOnce(unavailable);
            }
            if (forced) {
                throw fail("the CUDA execution provider cannot run " + file.getFileName() + ": " + unavailable);
            }
        }
        try (OrtSession.SessionOptions so = sessionOptions(options)) {
            return new Opened(env.createSession(file.toString(), so), CPU);
        }
    }

    /**
     * Why the CUDA provider cannot load in this process, or null when it may: decided once. Adding the
     * provider to session options loads its libraries, so it is only tried where ONNX Runtime has the
     * provider and an NVIDIA driver exists.
     */
    private static synchronized String cudaUnavailable() {
        if (cudaProbe == null) {
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                cudaProbe = "ONNX Runtime's CPU build (com.microsoft.onnxruntime:onnxruntime) has no CUDA provider;"
                        + " for CUDA, exclude it from videoclass-onnx and add com.microsoft.onnxruntime:onnxruntime_gpu:"
                        + OrtEnvironment.getEnvironment().getVersion();
            } else if (!NvidiaDriver.present()) {
                cudaProbe = "no NVIDIA driver on this machine";
            } else {
                try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                    so.addCUDA(0);
                    cudaProbe = "";
                } catch (OrtException | UnsatisfiedLinkError e) {
                    cudaProbe = oneLine(e);
                }
            }
        }
        return cudaProbe.isEmpty() ? null : cudaProbe;
    }

    private static synchronized void logCpuChoiceOnce(String reason) {
        if (cpuChoiceLogged) {
            return;
        }
        cpuChoiceLogged = true;
        if (NvidiaDriver.present() && OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            LOG.warn("videoclass ONNX scorer: CUDA unavailable ({}); the CPU execution provider runs the models", reason);
        } else {
            LOG.info("videoclass ONNX scorer: the CPU execution provider runs the models: {}", reason);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(OnnxOptions o) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(o.optimization());
        if (o.intraOpThreads() > 0) {
            so.setIntraOpNumThreads(o.intraOpThreads());
        }
        if (o.interOpThreads() > 0) {
            so.setInterOpNumThreads(o.interOpThreads());
        }
        return so;
    }
}
