package dev.videoclass.scene.internal;

import dev.videoclass.spi.DecodeMode;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.SamplingResult;
import dev.videoclass.VideoException;
import dev.videoclass.scene.SceneDetector;

/**
 * The keyframe pass ({@code "keyframes"}, and the first step of AUTO): {@code seek(0,
 * KEYFRAMES_ONLY)}, then the coded I-frames go through a {@link SceneDetector.Stream#KEY_FRAMES}
 * detector, whose minimum scene length is {@code minSceneLenFrames / fps} seconds. Cuts land on
 * I-frames, and the scenes' representatives are I-frames. Besides the scenes, the pass lists every
 * I-frame's timestamp, sharpness and score for AUTO's rules.
 */
public final class KeyframePass {
    private KeyframePass() {
    }

    /** The pass's scenes, and its I-frames. */
    record Result(PassResult pass, KeyFrames keys) {
    }

    /**
     * Mode {@code keyframes}.
     *
     * @throws VideoException {@link ErrorCode#NO_DECODABLE_FRAMES} when no key frame decodes
     */
    public static SamplingResult sample(Sampling s) throws VideoException {
        Result k = run(s);
        requireKeyFrames(k);
        return k.pass().finish(s.policy(), "keyframes", s.duration(k.keys().lastPts()));
    }

    static Result run(Sampling s) throws VideoException {
        FrameSource source = s.source();
        source.seek(0, DecodeMode.KEYFRAMES_ONLY);
        SceneFeed feed = new SceneFeed(s.detector(SceneDetector.Stream.KEY_FRAMES));
        DoubleList pts = new DoubleList(64);
        DoubleList sharp = new DoubleList(64);
        DoubleList score = new DoubleList(64);
        Frame f;
        while ((f = source.next()) != null) {
            double p = f.ptsSeconds();
            if (pts.size() > 0 && p <= pts.last()) {
                continue; // out-of-order or duplicate timestamp
            }
            sharp.add(feed.feed(f, true));
            pts.add(p);
            score.add(feed.lastScore());
        }
        double last = pts.size() == 0 ? Double.NaN : pts.last();
        return new Result(new PassResult(feed.finish(), pts.size(), last),
                KeyFrames.of(pts.toArray(), sharp.toArray(), score.toArray()));
    }

    /** Fails when the pass decoded no key frame. */
    static void requireKeyFrames(Result k) throws VideoException {
        if (k.keys().count() == 0) {
            throw new VideoException(ErrorCode.NO_DECODABLE_FRAMES, "no key frame could be decoded");
        }
    }
}
