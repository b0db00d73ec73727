package dev.videoclass.calibrate;

import dev.videoclass.ffmpeg.testing.TestVideos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Encodes like {@link FfmpegStillEncoder} but converts with the other colour matrix than the one the
 * video is tagged with: a broken video path that calibration must catch. Uses the tests' ffmpeg tool.
 */
final class WrongMatrixEncoder implements StillVideoEncoder {
    @Override
    public void encode(Path picture, PhoneEncoding encoding, double seconds, Path out) {
        List<String> args = new ArrayList<>(List.of("-loop", "1", "-framerate", "30", "-i", picture.toString(), "-t",
                String.format(Locale.ROOT, "%.3f", seconds)));
        List<String> output = encoding.ffmpegArguments();
        String vf = output.get(1);
        output.set(1, vf.contains("out_color_matrix=bt709") ? vf.replace("out_color_matrix=bt709", "out_color_matrix=bt601")
                : vf.replace("out_color_matrix=bt601", "out_color_matrix=bt709"));
        args.addAll(output);
        args.add(out.toString());
        TestVideos.run(args.toArray(new String[0]));
    }
}
