/**
 * The plug-in points of videoclass and the values they exchange: a {@link dev.videoclass.spi.VideoDecoder}
 * and its {@link dev.videoclass.spi.FrameSource}, a {@link dev.videoclass.spi.KeyframeSampler}, a
 * {@link dev.videoclass.spi.FrameScorer} (named by class through {@link dev.videoclass.spi.ScorerFactories}
 * where no object can be passed) and an {@link dev.videoclass.spi.Aggregator}. Scene detection has its own
 * plug-in point, {@link dev.videoclass.scene.SceneDetector}; verdict stores theirs,
 * {@link dev.videoclass.store.VerdictStore}. Each interface's Javadoc carries a small example; the
 * built-in implementations are the full ones. See ARCHITECTURE.md, "Where to add things".
 */
package dev.videoclass.spi;
