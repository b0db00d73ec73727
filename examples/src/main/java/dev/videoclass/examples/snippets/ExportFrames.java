package dev.videoclass.examples.snippets;

import dev.videoclass.SamplerMode;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.export.FrameExport;
import dev.videoclass.ffmpeg.FfmpegVideoDecoder;

import java.io.IOException;
import java.nio.file.Path;

/** A frame pipeline's export: one upright PNG per second with frames.json. */
public final class ExportFrames {
    private ExportFrames() {
    }

    /** Writes a frame of every second of {@code video} (at most 600) into {@code out}. */
    public static FrameExport.Result everySecond(Path video, Path out) throws VideoException, IOException {
        // tag::frame-export[]
        FrameExport export = FrameExport.builder().decoder(new FfmpegVideoDecoder())
                .policy(SamplingPolicy.DEFAULTS.withMode(SamplerMode.UNIFORM).withUniformIntervalS(1.0)  // 1 fps
                        .withBand(1, 600))
                .format(FrameExport.Format.PNG).build();
        return export.export(VideoInput.of(video), out);   // out/frame-000.png ..., out/frames.json
        // end::frame-export[]
    }
}
