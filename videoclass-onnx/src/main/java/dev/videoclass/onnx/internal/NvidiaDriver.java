package dev.videoclass.onnx.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this machine has an NVIDIA kernel driver, without loading any CUDA library: the files the
 * driver creates on Linux ({@code /proc/driver/nvidia/version}, {@code /dev/nvidiactl}) or, on Windows,
 * its management library. Without a driver no CUDA provider can run, so nothing CUDA-related is
 * loaded, probed or unpacked. Stateless.
 */
public final class NvidiaDriver {
    private NvidiaDriver() {
    }

    /** True when an NVIDIA driver is installed (it may still lack CUDA 12 or cuDNN 9 libraries). */
    public static boolean present() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
            return Files.exists(Path.of(root, "System32", "nvml.dll"));
        }
        return Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidiactl"));
    }
}
