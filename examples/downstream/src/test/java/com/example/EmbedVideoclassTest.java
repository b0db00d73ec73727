package com.example;

import dev.videoclass.Verdict;
import dev.videoclass.onnx.demo.DemoModel;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The embedding program classifies a clip (red, then blue) with the demo model on the ONNX Runtime build on the class path. */
class EmbedVideoclassTest {
    @TempDir
    Path tmp;

    @Test
    void theProgramClassifiesAClipWithTheOnnxModel() throws Exception {
        assumeTrue(Platforms.host().equals(System.getProperty("expected.platform", Platforms.host())),
                "the FFmpeg natives on the class path are another platform's");
        Path model = tmp.resolve("model");
        DemoModel.write(model);
        Path clip = tmp.resolve("clip.mp4");
        writeClip(clip);

        Verdict v = EmbedVideoclass.classify(Files.readAllBytes(clip), model);

        assertThat(v.error()).isNull();
        assertThat(v.isDone()).isTrue();
        assertThat(v.scorer().id()).startsWith("onnx:");
        assertThat(v.scorer().provider()).isIn("cpu", "cuda");
        assertThat(v.inferences()).isPositive();
        assertThat(v.isExplicit()).as("the demo rubric's stand-in for explicit content is red").isTrue();

        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            EmbedVideoclass.main(new String[] {clip.toString(), model.toString()});
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString()).startsWith("explicit=true quality=");
    }

    /** Two seconds of red, then two of blue, 320×240 at 25 fps, MPEG-4 in MP4 (FFmpeg's LGPL build). */
    static void writeClip(Path file) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 320, 240, 0)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(25);
            rec.setVideoQuality(3);
            rec.start();
            Frame frame = new Frame(320, 240, Frame.DEPTH_UBYTE, 3);
            ByteBuffer px = (ByteBuffer) frame.image[0];
            for (int i = 0; i < 100; i++) {
                byte[] bgr = i < 50 ? new byte[] {24, 24, (byte) 224} : new byte[] {(byte) 208, 32, 24};
                for (int y = 0; y < 240; y++) {
                    for (int x = 0; x < 320; x++) {
                        px.put(y * frame.imageStride + 3 * x, bgr, 0, 3);
                    }
                }
                frame.timestamp = i * 40_000L;
                rec.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            rec.stop();
        }
    }
}
