package dev.videoclass.ffmpeg.internal;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * The two native pictures a source decodes into, shared by its decoders and its capture:
 * {@link #latest()}, where a decoder leaves the picture it just produced, and {@link #held()}, a
 * picture kept aside (the probe's first frame until {@code next()} returns it, the best candidate
 * of a capture so far, or the key-frame decoder's spare). Each holder unrefs what it put there.
 * {@link #close()} frees both. Not thread safe.
 */
final class Pictures implements AutoCloseable {
    private AVFrame latest = avutil.av_frame_alloc();
    private AVFrame held = avutil.av_frame_alloc();

    AVFrame latest() {
        return latest;
    }

    AVFrame held() {
        return held;
    }

    /** Drops both pictures' data (after a seek). */
    void clear() {
        avutil.av_frame_unref(held);
        avutil.av_frame_unref(latest);
    }

    @Override
    public void close() {
        if (latest != null) {
            avutil.av_frame_free(latest);
            latest = null;
        }
        if (held != null) {
            avutil.av_frame_free(held);
            held = null;
        }
    }
}
