package dev.videoclass.ffmpeg.internal;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decides which captured pictures are tone-mapped: HDR ones (PQ or HLG, by the picture's own
 * transfer characteristic, else the stream's) go through {@link HdrToSdr}, made on the first HDR
 * picture; SDR ones are left alone. Owns that converter; {@link #close()} frees it. Not thread safe.
 */
final class ToneMapping implements AutoCloseable {
    private final ProbedStream stream;
    private HdrToSdr hdrToSdr;

    ToneMapping(ProbedStream stream) {
        this.stream = stream;
    }

    /**
     * The SDR version of {@code picture} (left untouched), valid until the next call, the caller
     * unrefs it; null when the picture is SDR or cannot be tone-mapped (convert it as it is).
     */
    AVFrame toSdr(AVFrame picture) {
        if (!HdrToSdr.isHdr(picture, stream.transfer)) {
            return null;
        }
        if (hdrToSdr == null) {
            hdrToSdr = new HdrToSdr();
        }
        return hdrToSdr.convert(picture, stream.transfer, stream.primaries, stream.matrix);
    }

    @Override
    public void close() {
        if (hdrToSdr != null) {
            hdrToSdr.close();
            hdrToSdr = null;
        }
    }
}
