package dev.videoclass.ffmpeg.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Lets FFmpeg give up a blocking read or probe once a video is cancelled or past its deadline:
 * FFmpeg polls the {@link AVIOInterruptCB} of each format context, and a non-zero answer aborts the
 * call in progress (the caller then reports CANCELLED or TIMEOUT from its own checkpoint).
 *
 * <p>All contexts share one native callback (JavaCPP limits how many callback instances a process
 * may create); each registration is known to it by the address of a small native block passed as
 * the callback's opaque pointer. Thread safe: contexts on any number of threads register and
 * unregister concurrently.
 */
final class InterruptRegistry {
    private static final ConcurrentHashMap<Long, BooleanSupplier> STOPS = new ConcurrentHashMap<>();
    private static final AVIOInterruptCB.Callback_Pointer CALLBACK = new AVIOInterruptCB.Callback_Pointer() {
        @Override
        public int call(Pointer opaque) {
            try {
                BooleanSupplier stop = opaque == null ? null : STOPS.get(opaque.address());
                return stop != null && stop.getAsBoolean() ? 1 : 0;
            } catch (Throwable t) {
                return 0; // an exception must not cross into native code
            }
        }
    };

    private InterruptRegistry() {
    }

    /** Installs the shared callback on {@code fmt}, asking {@code stop} whether to abort. */
    static Registration install(AVFormatContext fmt, BooleanSupplier stop) {
        LongPointer opaque = new LongPointer(1);
        STOPS.put(opaque.address(), stop);
        AVIOInterruptCB cb = fmt.interrupt_callback();
        cb.callback(CALLBACK);
        cb.opaque(opaque);
        return new Registration(opaque);
    }

    /**
     * One context's registration. {@link #detach()} before the context is closed (FFmpeg's
     * questions then get "go on"), {@link #close()} once it is freed. Both are idempotent.
     */
    static final class Registration implements AutoCloseable {
        private LongPointer opaque;

        private Registration(LongPointer opaque) {
            this.opaque = opaque;
        }

        /** Stops answering for this context. */
        void detach() {
            if (opaque != null) {
                STOPS.remove(opaque.address());
            }
        }

        /** Detaches and frees the native block. */
        @Override
        public void close() {
            detach();
            if (opaque != null) {
                opaque.close();
                opaque = null;
            }
        }
    }
}
