package dev.videoclass.ffmpeg.testing;

import dev.videoclass.ffmpeg.testing.TestVideos.Codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One short video per supported codec/container (3 segments of 1 s, 320x240, 30 fps, a key frame
 * every second; the MKV also carries audio and subtitles), written once per test JVM and shared
 * by the test classes that need the whole set.
 */
public final class CodecSamples {
    private static Map<Codec, TestVideos.Builder> specs;
    private static Map<Codec, Path> files;

    private CodecSamples() {
    }

    public static synchronized Map<Codec, Path> files() {
        if (files == null) {
            write();
        }
        return files;
    }

    public static synchronized Map<Codec, TestVideos.Builder> specs() {
        if (specs == null) {
            write();
        }
        return specs;
    }

    private static void write() {
        Path dir;
        try {
            dir = Files.createTempDirectory("videoclass-codecs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Codec, TestVideos.Builder> s = new EnumMap<>(Codec.class);
        Map<Codec, Path> f = new EnumMap<>(Codec.class);
        for (Codec c : Codec.values()) {
            TestVideos.Builder b = TestVideos.video().size(320, 240).fps(30).segments(3, 1.0).codec(c).gop(30);
            if (c == Codec.H264_MKV) {
                b.audio().subtitles(); // other streams: their packets must be ignored
            }
            s.put(c, b);
            Path p = b.writeTo(dir.resolve("v-" + c.name().toLowerCase() + "." + c.extension));
            p.toFile().deleteOnExit();
            f.put(c, p);
        }
        dir.toFile().deleteOnExit();
        specs = Collections.unmodifiableMap(s);
        files = Collections.unmodifiableMap(f);
    }
}
