package dev.videoclass.examples;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code videoclass make-sample FILE}: writes a small sample video with known scene cuts (a blue
 * sky, a green field, a dark room, a colourful stripe scene; each scene moving slightly) so a new
 * user can try the library without downloading anything. H.264 (OpenH264, in FFmpeg's LGPL build)
 * when available, else MPEG-4 Part 2; MP4 container. While it writes, FFmpeg's (process-global) log
 * level is raised to errors only, then restored. Frames are painted into one reused buffer, so memory
 * stays flat whatever the length.
 */
@Command(name = "make-sample", mixinStandardHelpOptions = true,
        description = "Write a sample video with known scene cuts (no download needed).")
final class MakeSample implements Callable<Integer> {
    /** The colours (RGB) of scene 3's moving vertical stripes. */
    private static final int[][] STRIPES = {{230, 40, 40}, {240, 200, 30}, {40, 200, 60}, {30, 180, 230}, {80, 60, 220}, {220, 60, 200}};

    @Parameters(index = "0", paramLabel = "FILE", description = "output video, e.g. sample.mp4")
    Path output;
    @Option(names = "--scene-seconds", defaultValue = "2", description = "length of each of the four scenes (default ${DEFAULT-VALUE})")
    double sceneSeconds;
    @Option(names = "--width", defaultValue = "640")
    int width;
    @Option(names = "--height", defaultValue = "360")
    int height;
    @Option(names = "--fps", defaultValue = "30")
    int fps;

    @Override
    public Integer call() throws Exception {
        int[][] scenes = {{70, 130, 220}, {40, 160, 60}, {18, 18, 24}, {0, 0, 0}};
        int framesPerScene = (int) Math.round(sceneSeconds * fps);
        // FFmpeg's log level is process-global: quiet the encoder's chatter on stderr only while this
        // demo tool writes the sample, and put the level back afterwards.
        int logLevel = avutil.av_log_get_level();
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder rec = open()) {
            org.bytedeco.javacv.Frame frame = new org.bytedeco.javacv.Frame(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
            ByteBuffer buf = (ByteBuffer) frame.image[0];
            int stride = frame.imageStride;
            for (int s = 0; s < scenes.length; s++) {
                for (int i = 0; i < framesPerScene; i++) {
                    paint(buf, stride, s, scenes[s], i);
                    frame.timestamp = Math.round((s * framesPerScene + i) * 1_000_000.0 / fps);
                    rec.record(frame, avutil.AV_PIX_FMT_BGR24);
                }
            }
            rec.stop();
        } finally {
            avutil.av_log_set_level(logLevel);
        }
        System.out.println("{\"file\":\"" + output.toString().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"cuts_s\":[" + sceneSeconds + "," + 2 * sceneSeconds + "," + 3 * sceneSeconds + "]}");
        return CommandLine.ExitCode.OK;
    }

    private FFmpegFrameRecorder open() throws FrameRecorder.Exception {
        FrameRecorder.Exception last = null;
        for (String codec : new String[]{"libopenh264", "mpeg4"}) {
            FFmpegFrameRecorder rec = new FFmpegFrameRecorder(output.toFile(), width, height, 0);
            rec.setFormat("mp4");
            rec.setFrameRate(fps);
            rec.setGopSize((int) Math.round(sceneSeconds * fps)); // key frames at the scene cuts
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setVideoBitrate(2_000_000);
            if (codec.equals("mpeg4")) {
                rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                rec.setVideoQuality(3);
            } else {
                rec.setVideoCodecName(codec);
            }
            try {
                rec.start();
                return rec;
            } catch (FrameRecorder.Exception e) {
                last = e;
                rec.close();
            }
        }
        throw last;
    }

    /** Scene {@code s}: a base colour with a gentle moving gradient; scene 3 is vertical colour stripes. */
    private void paint(ByteBuffer buf, int stride, int s, int[] rgb, int t) {
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            for (int x = 0; x < width; x++) {
                int r, g, b;
                if (s == 3) {
                    int band = ((x + 2 * t) / 40) % 6;
                    r = STRIPES[band][0];
                    g = STRIPES[band][1];
                    b = STRIPES[band][2];
                } else {
                    int shade = ((x + y + 3 * t) % 64) - 32;
                    r = clamp(rgb[0] + shade / 2);
                    g = clamp(rgb[1] + shade / 2);
                    b = clamp(rgb[2] + shade / 2);
                }
                int o = row + x * 3;
                buf.put(o, (byte) b);
                buf.put(o + 1, (byte) g);
                buf.put(o + 2, (byte) r);
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
