package dev.videoclass.onnx;

import dev.videoclass.onnx.demo.DemoModel;
import dev.videoclass.onnx.internal.OrtNatives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that scores with ONNX leaves nothing in its temporary directory, unpacks ONNX Runtime's
 * natives once into the cache and reuses them, and logs no third-party warnings (DJL's CUDA probe) —
 * checked on a child JVM with its own {@code java.io.tmpdir}, run twice.
 */
class ProcessHygieneTest {
    @TempDir
    Path work;

    @Test
    void scoringLeavesNoTemporaryFilesAndReusesTheUnpackedNatives() throws Exception {
        Path model = work.resolve("model");
        DemoModel.write(model);
        Path cache = work.resolve("cache");

        Path tmp1 = Files.createDirectory(work.resolve("tmp1"));
        List<String> first = runChild(model, cache, tmp1);
        Map<Path, FileTime> unpacked = files(cache);
        Path tmp2 = Files.createDirectory(work.resolve("tmp2"));
        List<String> second = runChild(model, cache, tmp2);

        assertThat(files(tmp1)).as("left in the first process's java.io.tmpdir").isEmpty();
        assertThat(files(tmp2)).as("left in the second process's java.io.tmpdir").isEmpty();
        assertThat(unpacked.keySet()).as("unpacked natives").anyMatch(p -> p.getFileName().toString().contains("onnxruntime"));
        assertThat(files(cache)).as("the second process reuses the unpacked natives").isEqualTo(unpacked);
        for (List<String> log : List.of(first, second)) {
            assertThat(log).as("warnings in the child's output").noneMatch(l -> l.contains("WARN"));
            long cpuLines = log.stream().filter(l -> l.contains("the CPU execution provider runs the models")).count();
            if (log.contains("provider=cpu")) {
                assertThat(cpuLines).as("AUTO says once why it uses the CPU").isEqualTo(1);
            }
        }
    }

    private static List<String> runChild(Path model, Path cache, Path tmp) throws IOException, InterruptedException {
        Path out = tmp.resolveSibling(tmp.getFileName() + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-Xmx512m",
                "-Djava.io.tmpdir=" + tmp, "-D" + OrtNatives.CACHE_PROPERTY + "=" + cache,
                "-cp", System.getProperty("java.class.path"), HygieneChild.class.getName(), model.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        int exit = p.waitFor();
        List<String> log = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(exit).as("child exit status; output:%n%s", String.join("\n", log)).isZero();
        assertThat(log).as("the child scored").anyMatch(l -> l.startsWith("provider="));
        return log;
    }

    private static Map<Path, FileTime> files(Path dir) throws IOException {
        Map<Path, FileTime> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(p -> !p.equals(dir))::iterator) {
                files.put(dir.relativize(p), Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}
