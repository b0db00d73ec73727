package dev.videoclass.examples;

import dev.videoclass.onnx.demo.DemoModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code videoclass make-demo-model DIR}: writes the small demo model directory (ONNX towers,
 * tokenizer, preprocessing, rubric) so the ONNX path can be tried with no download. See
 * {@link DemoModel} for what it computes.
 */
@Command(name = "make-demo-model", mixinStandardHelpOptions = true,
        description = "Write a small demo ONNX model directory (colour-aware vision tower, text tower, tokenizer, rubric).")
final class MakeDemoModel implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "directory to write (created if missing)")
    Path dir;
    @Option(names = "--layout", defaultValue = "split-towers",
            description = "split-towers, zero-shot or classifier (default ${DEFAULT-VALUE})")
    String layout;

    @Override
    public Integer call() throws IOException {
        DemoModel.Layout chosen;
        try {
            chosen = DemoModel.Layout.valueOf(layout.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new VideoclassCli.UsageException("unknown layout '" + layout + "' (split-towers, zero-shot, classifier)");
        }
        DemoModel.write(dir, chosen);
        System.out.println(dir.toAbsolutePath());
        return 0;
    }
}
