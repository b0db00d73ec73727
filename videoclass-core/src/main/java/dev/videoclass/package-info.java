/**
 * What an embedder uses: {@link dev.videoclass.VideoClassifier} (and the {@link dev.videoclass.Classifier}
 * interface it shares with the isolated classifier), {@link dev.videoclass.ImageClassifier} for photos,
 * {@link dev.videoclass.ClassifierSettings}, inputs, and the verdict model ({@link dev.videoclass.Verdict},
 * {@link dev.videoclass.Judgement}, {@link dev.videoclass.KeyframeVerdict}, {@link dev.videoclass.ImageVerdict},
 * {@link dev.videoclass.ErrorCode}). Plug-in points are in {@link dev.videoclass.spi}; JSON in
 * {@link dev.videoclass.json}; packages named {@code internal} are plumbing. See ARCHITECTURE.md.
 */
package dev.videoclass;
