package dev.videoclass.examples;

import dev.videoclass.VideoException;
import dev.videoclass.export.FrameExport;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code videoclass frames <file|-> --out DIR}: writes the keyframes that {@code scenes} chooses as
 * upright images plus {@code DIR/frames.json} ({@link FrameExport}), and prints that JSON. Bad input
 * is a failed JSON with its code (exit 3) and leaves no folder behind.
 */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = "Export the chosen keyframes as upright images plus frames.json (video facts; file, pts, scene, size per frame).")
final class FramesCommand implements Callable<Integer> {
    @Mixin
    VideoclassCli.InputArg in;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "a new or empty folder for the images and frames.json")
    Path out;
    @Option(names = "--format", defaultValue = "jpeg", paramLabel = "jpeg|png", description = "image format (default ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--max-side", defaultValue = "0", paramLabel = "PIXELS",
            description = "long side of the images, 0 for the video's display size (default ${DEFAULT-VALUE})")
    int maxSide;
    @Mixin
    VideoclassCli.SamplingOptions sampling;
    @Mixin
    LimitOptions limits;
    @Option(names = "--pretty", description = "indent the JSON")
    boolean pretty;

    @Override
    public Integer call() throws IOException {
        FrameExport.Format f = FrameExport.Format.find(format)
                .orElseThrow(() -> new VideoclassCli.UsageException("unknown format '" + format + "' (jpeg, png)"));
        if (maxSide < 0) {
            throw new VideoclassCli.UsageException("--max-side must be 0 or more");
        }
        FrameExport export = FrameExport.builder().decoder(new FfmpegVideoDecoder()).policy(sampling.policy())
                .limits(limits.limits()).format(f).maxSide(maxSide).build();
        FrameExport.Result r;
        try {
            r = export.export(in.videoInput(), out);
        } catch (VideoException e) {
            return VideoclassCli.printFailure(e, pretty);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new VideoclassCli.UsageException("--out " + out + " must be a new or empty folder");
        }
        String json = Files.readString(r.dir().resolve(FrameExport.METADATA_FILE));
        VideoclassCli.print(dev.videoclass.json.VerdictJson.reader().readTree(json), pretty);
        return CommandLine.ExitCode.OK;
    }
}
