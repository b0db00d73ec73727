package dev.videoclass.examples.snippets;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block of the README is code the build compiles: a region between
 * {@code // tag::NAME[]} and {@code // end::NAME[]} of a source file of the project, or a whole
 * source file, compared line by line after removing the common indentation.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([\\w-]+)\\[]\\s*$");

    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("ARCHITECTURE.md"))) {
            p = p.getParent();
        }
        assertThat(p).as("the repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return p;
    }

    @Test
    void everyJavaBlockOfTheReadmeIsCompiledCode() throws IOException {
        Path root = repositoryRoot();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> known = compiledSnippets(root);
        Matcher m = JAVA_BLOCK.matcher(readme);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            assertThat(known).as("README Java block %d is not a tagged region or a whole source file:%n%s", blocks,
                    m.group(1)).contains(normalise(m.group(1)));
        }
        assertThat(blocks).isPositive();
    }

    /** Tagged regions and whole files of every main source set, normalised. */
    static List<String> compiledSnippets(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                out.add(normalise(String.join("\n", lines)));
                for (int i = 0; i < lines.size(); i++) {
                    Matcher t = TAG.matcher(lines.get(i));
                    if (t.matches()) {
                        int end = i + 1;
                        while (end < lines.size() && !lines.get(end).trim().equals("// end::" + t.group(1) + "[]")) {
                            end++;
                        }
                        out.add(normalise(String.join("\n", lines.subList(i + 1, Math.min(end, lines.size())))));
                    }
                }
            }
        }
        return out;
    }

    /** Trailing spaces and blank edges removed, the common indentation taken off. */
    static String normalise(String text) {
        List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList());
    }
}
