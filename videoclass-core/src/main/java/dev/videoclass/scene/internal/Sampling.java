package dev.videoclass.scene.internal;

import dev.videoclass.spi.FrameSource;
import dev.videoclass.SamplingPolicy;
import dev.videoclass.VideoInfo;
import dev.videoclass.scene.SceneDetector;

/**
 * One {@code sample} call: the source, the policy and the detector factory every pass of the call
 * shares, and the video timing they all derive from the source's {@link VideoInfo}.
 *
 * @param source    the video, used from the calling thread only
 * @param policy    the sampling policy
 * @param detectors makes a fresh detector for each pass
 */
public record Sampling(FrameSource source, SamplingPolicy policy, SceneDetector.Factory detectors) {
    /** Frame rate assumed when the source does not know it, frames per second. */
    static final double FALLBACK_FPS = 30.0;

    /** A fresh detector for a pass that feeds {@code stream}. */
    SceneDetector detector(SceneDetector.Stream stream) {
        return detectors.create(policy, stream, fps());
    }

    VideoInfo info() {
        return source.info();
    }

    /** The frame rate, {@value #FALLBACK_FPS} when unknown. */
    double fps() {
        VideoInfo info = info();
        return info != null && info.frameRate() > 0 ? info.frameRate() : FALLBACK_FPS;
    }

    /** Duration from the probe (or frame count / rate), 0 when unknown. */
    double knownDuration() {
        VideoInfo info = info();
        if (info == null) {
            return 0;
        }
        if (info.durationS() > 0) {
            return info.durationS();
        }
        if (info.frameCount() > 0 && info.frameRate() > 0) {
            return info.frameCount() / info.frameRate();
        }
        return 0;
    }

    /**
     * The duration of a video whose last analysed frame is at {@code lastPts} (NaN: none): the known
     * duration (at least {@code lastPts}), else one frame past {@code lastPts}.
     */
    double duration(double lastPts) {
        double known = knownDuration();
        double seen = Double.isNaN(lastPts) ? 0 : lastPts + 1.0 / fps();
        return known > 0 ? Math.max(known, Double.isNaN(lastPts) ? 0 : lastPts) : seen;
    }
}
