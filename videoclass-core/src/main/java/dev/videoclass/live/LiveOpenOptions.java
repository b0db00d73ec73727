package dev.videoclass.live;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How a {@link LiveDecoder} opens one connection.
 *
 * @param policy        the stream URL and where else it may lead
 * @param analysisWidth width in pixels of {@link LiveSource#analysisFrame()}, at least 16
 * @param maxPixels     largest accepted frame, width times height; a larger stream fails to open
 * @param stop          polled while connecting and reading; when it answers true the blocking call
 *                      ends with an exception. Cheap and thread safe.
 * @param refused       told, in one line, about every URL the stream pointed at that the policy
 *                      refused (nothing was opened for it); called on the decoding thread
 */
public record LiveOpenOptions(StreamPolicy policy, int analysisWidth, long maxPixels, BooleanSupplier stop,
                              Consumer<String> refused) {
    public LiveOpenOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(refused, "refused");
        if (analysisWidth < 16 || maxPixels <= 0) {
            throw new IllegalArgumentException("analysisWidth must be at least 16 and maxPixels positive");
        }
    }
}
