package com.example;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an application depending on videoclass-core, -ffmpeg and -onnx ships: its runtime class path
 * (written by the dependency plugin, pom.xml) stays small, carries the chosen ONNX Runtime build and
 * the chosen platform's FFmpeg natives, and no demo or test code.
 */
class RuntimeClosureTest {
    static List<Path> jars;

    @BeforeAll
    static void readClassPath() throws IOException {
        String text = Files.readString(Path.of(System.getProperty("runtime.classpath"))).trim();
        jars = Arrays.stream(text.split(File.pathSeparator)).map(Path::of).toList();
    }

    static boolean has(String fileNamePrefix) {
        return jars.stream().anyMatch(j -> j.getFileName().toString().startsWith(fileNamePrefix));
    }

    @Test
    void theClosureWeighsNoMoreThanTheLimit() throws IOException {
        long bytes = 0;
        for (Path jar : jars) {
            bytes += Files.size(jar);
        }
        System.out.printf(Locale.ROOT, "runtime closure: %d jars, %.1f MB (%.1f MiB)%n",
                jars.size(), bytes / 1e6, bytes / 1048576.0);
        long maxMb = Long.getLong("closure.maxMb", 0);
        assumeTrue(maxMb > 0, "no limit for this variant");
        assertThat(bytes).as("bytes on the runtime class path").isLessThanOrEqualTo(maxMb * 1_000_000);
    }

    @Test
    void theClassPathCarriesTheChosenOnnxRuntimeBuildOnly() {
        boolean gpu = "onnxruntime_gpu".equals(System.getProperty("expected.onnxruntime"));
        assertThat(has("onnxruntime_gpu-")).as("onnxruntime_gpu on the class path").isEqualTo(gpu);
        assertThat(has("onnxruntime-")).as("onnxruntime (CPU) on the class path").isEqualTo(!gpu);
    }

    @Test
    void theFfmpegNativesAreTheChosenPlatformsOnly() {
        String platform = System.getProperty("expected.platform");
        List<String> natives = jars.stream().map(j -> j.getFileName().toString())
                .filter(n -> n.matches("(ffmpeg|javacpp)-.*-(linux|macosx|windows|android|ios)-.*\\.jar")).toList();
        assertThat(natives).hasSize(2).allMatch(n -> n.endsWith("-" + platform + ".jar"));
    }

    @Test
    void theLibrariesBringNoSearchEngine() {
        // scene search is videoclass-index's (Lucene): only an application that depends on it carries Lucene
        assertThat(has("lucene-")).isFalse();
        assertThat(has("videoclass-index-")).isFalse();
    }

    @Test
    void noDemoGeneratorProtobufOrGplBuildShips() {
        assertThat(has("videoclass-onnx-demo-")).isFalse();
        assertThat(has("protobuf-java-")).isFalse();
        assertThat(jars).noneMatch(j -> j.getFileName().toString().contains("-gpl"));
    }
}
