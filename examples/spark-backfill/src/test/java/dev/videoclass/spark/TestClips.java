package dev.videoclass.spark;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small test clips with javacv's recorder on the library's own FFmpeg (the LGPL build: MPEG-4
 * Part 2 in MP4), so that this project needs no external encoder. Each seed gives different bytes:
 * one second of one colour, then one second of another (a cut), 160×120 at 25 fps.
 */
final class TestClips {
    private TestClips() {
    }

    /** Writes the clip of {@code seed} to {@code file} and returns it. */
    static Path write(Path file, int seed) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        int w = 160;
        int h = 120;
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), w, h, 0)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(25);
            rec.setVideoQuality(4);
            rec.start();
            Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
            ByteBuffer px = (ByteBuffer) frame.image[0];
            for (int i = 0; i < 50; i++) {
                int c = i < 25 ? seed * 37 : seed * 37 + 128;
                byte[] bgr = {(byte) (c * 7), (byte) (255 - c), (byte) (c * 3 + 40)};
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        px.put(y * frame.imageStride + 3 * x, bgr, 0, 3);
                    }
                }
                frame.timestamp = i * 40_000L;
                rec.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            rec.stop();
        }
        return file;
    }
}
