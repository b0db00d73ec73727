package dev.videoclass.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoclass.json.VerdictJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After {@code package} (failsafe): the distribution zip unzipped into an empty folder runs with
 * nothing else on the class path, and {@code java -jar target/videoclass.jar} still works.
 */
class DistributionIT {
    @TempDir
    static Path tmp;
    static Path home;
    static String version;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void unzip() throws IOException {
        version = System.getProperty("videoclass.version");
        Path zip = Path.of(System.getProperty("videoclass.distribution"));
        assertThat(zip).isRegularFile();
        // the zip file system reads each entry's Unix permissions, as unzip does
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", true));
             Stream<Path> entries = Files.walk(fs.getPath("/"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path target = tmp.resolve("unzipped").resolve(entry.toString().substring(1));
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(entry, target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(entry));
                }
            }
        }
        home = tmp.resolve("unzipped").resolve("videoclass-" + version);
    }

    static Run run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("CLASSPATH");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Run launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/videoclass").toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    @Test
    void theZipHoldsAnExecutableLauncherAndTheLibraries() throws IOException {
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/videoclass"))).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("videoclass-core-")).anyMatch(n -> n.startsWith("picocli-"))
                    .anyMatch(n -> n.startsWith("ffmpeg-") && n.contains("linux-x86_64"));
        }
    }

    @Test
    void theUnzippedLauncherPrintsTheVersionAndClassifiesASample() throws Exception {
        Run v = launcher("--version");
        assertThat(v.exit()).as(v.err()).isZero();
        assertThat(v.out().trim()).isEqualTo("videoclass " + version);

        Path sample = tmp.resolve("sample.mp4");
        Run made = launcher("make-sample", sample.toString(), "--scene-seconds", "1");
        assertThat(made.exit()).as(made.err()).isZero();
        Run classified = launcher("classify", sample.toString(), "--max-keyframes", "2");
        assertThat(classified.exit()).as(classified.err()).isZero();
        JsonNode verdict = VerdictJson.reader().readTree(classified.out());
        assertThat(verdict.get("status").asText()).isEqualTo("done");
        assertThat(verdict.get("keyframes")).hasSize(2);

        Run usage = launcher("classify");
        assertThat(usage.exit()).as("exit statuses pass through the launcher").isEqualTo(2);
    }

    @Test
    void javaDashJarOnTheBuiltJarStillWorks() throws Exception {
        Run v = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("videoclass.jar"), "--version"));
        assertThat(v.exit()).as(v.err()).isZero();
        assertThat(v.out().trim()).isEqualTo("videoclass " + version);
    }
}
