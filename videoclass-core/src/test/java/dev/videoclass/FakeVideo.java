package dev.videoclass;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.spi.DecodeOptions;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.KeyframeSampler;
import dev.videoclass.spi.VideoDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test double: a "video" of solid-colour frames (one colour per second of video) served by a fake
 * decoder, so the facade can be tested without native code. Public for the tests of other packages.
 */
public final class FakeVideo implements VideoDecoder {
    final int[][] colours;
    final double fps;
    public volatile VideoException failOnOpen;

    public FakeVideo(double fps, int[]... colours) {
        this.fps = fps;
        this.colours = colours;
    }

    @Override
    public String id() {
        return "fake";
    }

    public int frameCount() {
        return (int) Math.round(colours.length * fps);
    }

    @Override
    public FrameSource open(VideoInput input, DecodeOptions options) throws VideoException {
        if (failOnOpen != null) {
            throw failOnOpen;
        }
        VideoInfo info = new VideoInfo(colours.length, fps, frameCount(), "fake", "raw", 64, 48, 64, 48, 0, 0, false, 0);
        return new FrameSource() {
            int next;

            @Override
            public VideoInfo info() {
                return info;
            }

            @Override
            public Frame next() {
                if (next >= frameCount()) {
                    return null;
                }
                return frameAt(next++);
            }

            @Override
            public void seek(double ptsSeconds, DecodeMode mode) {
                next = (int) Math.floor(ptsSeconds * fps);
            }

            @Override
            public Frame capture(double ptsSeconds, int maxSide) {
                return frameAt((int) Math.floor(ptsSeconds * fps + 1e-9));
            }

            @Override
            public long framesDecoded() {
                return next;
            }

            @Override
            public void close() {
            }
        };
    }

    Frame frameAt(int index) {
        int[] c = colours[Math.min(colours.length - 1, (int) (index / fps))];
        byte[] rgb = new byte[64 * 48 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) c[0];
            rgb[i + 1] = (byte) c[1];
            rgb[i + 2] = (byte) c[2];
        }
        return new Frame(64, 48, rgb, index / fps);
    }

    /**
     * Like {@link #perSecondSampler()} but reads every analysis frame first, as a real sampler does
     * (so decoding, its cancellation polls and frame counts happen).
     */
    public static KeyframeSampler readingSampler() {
        KeyframeSampler perSecond = perSecondSampler();
        return (source, policy) -> {
            while (source.next() != null) {
                // read to the end
            }
            return perSecond.sample(source, policy);
        };
    }

    /** A sampler that takes the first frame of every second (each second is one "scene"). */
    public static KeyframeSampler perSecondSampler() {
        return (source, policy) -> {
            List<Keyframe> k = new ArrayList<>();
            List<SceneCut> cuts = new ArrayList<>();
            double d = source.info().durationS();
            for (int s = 0; s < d; s++) {
                k.add(new Keyframe(s, s, s + 1));
                if (s > 0) {
                    cuts.add(new SceneCut(s, 100));
                }
            }
            return new SamplingResult(d, cuts, k, "fake", 0);
        };
    }
}
