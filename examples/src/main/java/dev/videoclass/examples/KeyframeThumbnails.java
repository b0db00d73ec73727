package dev.videoclass.examples;

import dev.videoclass.Classifier;
import dev.videoclass.ClassifierSettings;
import dev.videoclass.ErrorCode;
import dev.videoclass.Frame;
import dev.videoclass.KeyframeVerdict;
import dev.videoclass.ProgressListener;
import dev.videoclass.Verdict;
import dev.videoclass.VideoException;
import dev.videoclass.VideoInput;
import dev.videoclass.image.Images;
import dev.videoclass.spi.FrameSource;
import dev.videoclass.spi.VideoDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Small upright JPEGs of a verdict's keyframes, for the example service's page
 * ({@code GET /jobs/{id}/keyframes/{i}.jpg}): a {@link Classifier} that wraps another and, after a
 * done verdict on an uploaded file, captures each keyframe again at {@link #DEFAULT_MAX_SIDE} pixels
 * on its longer side — before the verdict is handed back, so a job is never seen done without its
 * thumbnails. The verdict itself is returned unchanged.
 *
 * <p>Thumbnails are held in memory for the last {@link #DEFAULT_VIDEOS} uploads, by upload file;
 * the service names a job's upload file with {@link #upload(String, Path)}. Failed verdicts, inputs
 * that are not files, and captures that fail get none (logged). Thread safe: the wrapped
 * classifier's contract, and the maps are guarded by this object's lock. The decoder captures in the
 * calling process, also when the wrapped classifier isolates its work in worker processes; only
 * videos that were classified successfully are opened again.
 */
final class KeyframeThumbnails implements Classifier {
    private static final Logger LOG = LoggerFactory.getLogger(KeyframeThumbnails.class);

    /** Longer side of a thumbnail in pixels. */
    static final int DEFAULT_MAX_SIDE = 160;
    /** JPEG quality of a thumbnail, 0–1. */
    static final float JPEG_QUALITY = 0.8f;
    /** How many uploads' thumbnails are kept (the oldest are dropped first). */
    static final int DEFAULT_VIDEOS = 256;

    private final Classifier classifier;
    private final VideoDecoder decoder;
    private final int maxSide;
    private final Map<Path, List<byte[]>> byUpload = lru(DEFAULT_VIDEOS);
    private final Map<String, Path> uploadByJob = lru(DEFAULT_VIDEOS);

    /**
     * @param classifier the classifier whose verdicts get thumbnails (owned: closed with this)
     * @param decoder    the decoder that captures the keyframes again
     * @param maxSide    longer side of a thumbnail in pixels, at least 16
     */
    KeyframeThumbnails(Classifier classifier, VideoDecoder decoder, int maxSide) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (maxSide < 16) {
            throw new IllegalArgumentException("thumbnail side must be at least 16 px, not " + maxSide);
        }
        this.maxSide = maxSide;
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Verdict classify(VideoInput input, BooleanSupplier cancelled, ProgressListener progress) {
        Verdict verdict = classifier.classify(input, cancelled, progress);
        if (verdict.isDone() && input instanceof VideoInput.FileInput file && !cancelled.getAsBoolean()) {
            List<byte[]> jpegs = capture(file, verdict.keyframes(), cancelled);
            if (jpegs != null) {
                synchronized (this) {
                    byUpload.put(file.path(), jpegs);
                }
            }
        }
        return verdict;
    }

    /** The keyframes as JPEGs, in the verdict's order; null when one could not be captured. */
    private List<byte[]> capture(VideoInput.FileInput file, List<KeyframeVerdict> keyframes, BooleanSupplier cancelled) {
        List<byte[]> jpegs = new ArrayList<>(keyframes.size());
        try (FrameSource source = decoder.open(file, settings().decodeOptions().withCancelled(cancelled))) {
            for (KeyframeVerdict k : keyframes) {
                Frame f = source.capture(k.ptsS(), maxSide);
                jpegs.add(Images.encodeJpeg(f, JPEG_QUALITY));
            }
            return Collections.unmodifiableList(jpegs);
        } catch (VideoException | RuntimeException e) {
            LOG.warn("no keyframe thumbnails for {}: {}", file.describe(), e.toString());
            return null;
        }
    }

    /** Names the upload file of a job, so that {@link #of(String)} finds its thumbnails. */
    synchronized void upload(String jobId, Path file) {
        uploadByJob.put(jobId, file);
    }

    /** A job's thumbnails in its verdict's keyframe order, or empty (none, or no longer kept). */
    synchronized Optional<List<byte[]>> of(String jobId) {
        Path file = uploadByJob.get(jobId);
        return Optional.ofNullable(file == null ? null : byUpload.get(file));
    }

    @Override
    public ClassifierSettings settings() {
        return classifier.settings();
    }

    @Override
    public Verdict.ScorerInfo scorerInfo() {
        return classifier.scorerInfo();
    }

    @Override
    public Verdict.RubricInfo rubricInfo() {
        return classifier.rubricInfo();
    }

    @Override
    public Verdict failure(ErrorCode code, String message) {
        return classifier.failure(code, message);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
