package dev.videoclass.onnx.internal;

import ai.onnxruntime.OrtEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Unpacks ONNX Runtime's native libraries once per ONNX Runtime version into a cache directory and
 * points ONNX Runtime at it (system property {@value #ORT_PATH_PROPERTY}) before it loads.
 *
 * <p>Left alone, ONNX Runtime's Java loader copies its libraries into a new
 * {@code onnxruntime-java*} directory under {@code java.io.tmpdir} in every process, and with the
 * GPU build leaves that directory behind (with a CUDA provider of 580 MB when CUDA was loaded). With
 * the property set it loads the libraries from the directory instead and its temporary directory
 * stays empty and is deleted.
 *
 * <p>The cache is {@code <root>/onnxruntime/<version>-<cpu|gpu>-<platform>}, where root is the system
 * property {@value #CACHE_PROPERTY}, else {@code $XDG_CACHE_HOME/videoclass}, else
 * {@code ~/.cache/videoclass}. Each library is written to a temporary name and renamed into place, so
 * processes may share the directory. The CUDA provider is unpacked only where an NVIDIA driver exists.
 * Nothing is done when the user set {@value #ORT_PATH_PROPERTY}, when ONNX Runtime has no natives
 * for this platform, or when the cache cannot be written (ONNX Runtime then does as it always does).
 * Thread safe; only the first call does anything.
 */
public final class OrtNatives {
    /** ONNX Runtime's property: the directory its native libraries are loaded from. */
    public static final String ORT_PATH_PROPERTY = "onnxruntime.native.path";
    /** The cache root for unpacked native libraries. */
    public static final String CACHE_PROPERTY = "videoclass.nativeCache";
    private static final Logger LOG = LoggerFactory.getLogger(OrtNatives.class);
    private static final String RESOURCES = "/ai/onnxruntime/native/";
    private static final String CUDA_PROVIDER = "onnxruntime_providers_cuda";
    /** Loaded by ONNX Runtime itself, then (GPU build) by the CUDA provider it loads. */
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni", "onnxruntime_providers_shared");

    private static boolean prepared;

    private OrtNatives() {
    }

    /** Unpacks the libraries (first call) and sets {@value #ORT_PATH_PROPERTY}; harmless when ONNX Runtime already loaded. */
    public static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty(ORT_PATH_PROPERTY) != null) {
            return;
        }
        String platform = platform();
        if (platform == null || resource(platform, "onnxruntime") == null) {
            return; // no natives in the jar for this platform: ONNX Runtime looks on the library path
        }
        try {
            Path dir = unpack(platform);
            System.setProperty(ORT_PATH_PROPERTY, dir.toString());
            LOG.debug("ONNX Runtime natives from {}", dir);
        } catch (IOException | RuntimeException e) {
            LOG.debug("ONNX Runtime natives not cached ({}); ONNX Runtime unpacks them itself", e.toString());
        }
    }

    /** The cache root: {@value #CACHE_PROPERTY}, else {@code $XDG_CACHE_HOME/videoclass}, else {@code ~/.cache/videoclass}. */
    public static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "videoclass");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "videoclass");
    }

    private static Path unpack(String platform) throws IOException {
        List<String> libraries = new ArrayList<>(LIBRARIES);
        boolean gpuBuild = resource(platform, CUDA_PROVIDER) != null;
        if (gpuBuild && NvidiaDriver.present()) {
            libraries.add(CUDA_PROVIDER);
        }
        String version = OrtEnvironment.class.getPackage().getImplementationVersion();
        Path dir = cacheRoot().resolve("onnxruntime")
                .resolve((version == null ? "unversioned" : version) + (gpuBuild ? "-gpu-" : "-cpu-") + platform);
        Files.createDirectories(dir);
        for (String library : libraries) {
            URL url = resource(platform, library);
            if (url != null) {
                unpackOne(url, dir.resolve(fileName(library)));
            }
        }
        return dir;
    }

    /** Copies a library unless the cache holds it already (same size), through a temporary name. */
    private static void unpackOne(URL url, Path target) throws IOException {
        URLConnection connection = url.openConnection();
        long size = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            connection.getInputStream().close();
            return;
        }
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static URL resource(String platform, String library) {
        return OrtEnvironment.class.getResource(RESOURCES + platform + "/" + fileName(library));
    }

    /** The file name ONNX Runtime's loader looks for. */
    private static String fileName(String library) {
        return System.mapLibraryName(library).replace("jnilib", "dylib");
    }

    /** ONNX Runtime's name of this platform (its resource folder), or null where it has none. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin") ? "osx"
                : os.contains("win") ? "win"
                : os.contains("nux") ? "linux" : null;
        String a = arch.startsWith("amd64") || arch.startsWith("x86_64") ? "x64"
                : arch.equals("aarch64") ? "aarch64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }
}
