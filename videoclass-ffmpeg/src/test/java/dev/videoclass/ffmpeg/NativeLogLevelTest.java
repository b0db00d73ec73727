package dev.videoclass.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg's log level is process-wide: loading the decoder's natives quiets it, unless the
 * application chose a level first. Each case runs in a fresh JVM, since the natives load once.
 */
class NativeLogLevelTest {

    /** Child JVM: sets the level given as argument (none: leaves FFmpeg's default), preloads, prints the level. */
    public static void main(String[] args) {
        if (args.length > 0) {
            avutil.av_log_set_level(Integer.parseInt(args[0]));
        }
        FfmpegVideoDecoder.preload();
        System.out.println("level=" + avutil.av_log_get_level());
    }

    static String levelAfterPreload(String... presetLevel) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                NativeLogLevelTest.class.getName());
        pb.command().addAll(List.of(presetLevel));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("level=")).findFirst().orElse(out);
    }

    @Test
    void loadingTheNativesQuietsFfmpegsDefaultLevel() throws Exception {
        assertThat(levelAfterPreload()).isEqualTo("level=" + avutil.AV_LOG_FATAL);
    }

    @Test
    void aLevelTheApplicationChoseIsKept() throws Exception {
        assertThat(levelAfterPreload(String.valueOf(avutil.AV_LOG_ERROR))).isEqualTo("level=" + avutil.AV_LOG_ERROR);
    }
}
