package dev.videoclass;

import dev.videoclass.spi.FrameScorer;
import dev.videoclass.spi.KeyframeSampler;
import dev.videoclass.heuristic.HeuristicScorer;
import dev.videoclass.scene.SceneSampler;

/** The built-in implementations used when a builder is given none. */
final class Defaults {
    private Defaults() {
    }

    static KeyframeSampler sampler() {
        return new SceneSampler();
    }

    static FrameScorer scorer() {
        return new HeuristicScorer();
    }
}
