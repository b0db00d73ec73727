package dev.videoclass.ffmpeg.internal;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A read-only, unseekable FFmpeg {@link AVIOContext} whose bytes come from a Java {@link ByteSource}:
 * how the HLS gate hands FFmpeg what the gate fetched itself. A stop while waiting ends the read with
 * {@code AVERROR_EXIT}, a failure with {@code EIO}, the end with {@code AVERROR_EOF}.
 *
 * <p>All contexts share one native read callback (JavaCPP allows a process few callback instances);
 * each is known to it by the address of a small native block passed as the context's opaque
 * pointer. Owns the context, its buffer and the source; {@link #close()} frees them. The context is
 * used by one thread; the registry is thread safe.
 */
final class JavaAvio implements AutoCloseable {
    /** Size of the context's buffer, bytes. */
    private static final int BUFFER_SIZE = 64 * 1024;
    /** FFmpeg's {@code AVERROR(EIO)}. */
    static final int AVERROR_EIO = -5;

    private static final ConcurrentHashMap<Long, JavaAvio> BY_OPAQUE = new ConcurrentHashMap<>();
    private static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            try {
                JavaAvio io = opaque == null ? null : BY_OPAQUE.get(opaque.address());
                return io == null ? avutil.AVERROR_EOF : io.read(buf, size);
            } catch (Throwable t) {
                return AVERROR_EIO; // an exception must not cross into native code
            }
        }
    };

    private final ByteSource source;
    private final byte[] scratch = new byte[BUFFER_SIZE];
    private LongPointer opaque;
    private AVIOContext context;

    private JavaAvio(ByteSource source) {
        this.source = source;
    }

    /** A context reading {@code source}, which it now owns. */
    static JavaAvio of(ByteSource source) {
        JavaAvio io = new JavaAvio(source);
        io.opaque = new LongPointer(1);
        BytePointer buffer = new BytePointer(avutil.av_malloc(BUFFER_SIZE));
        if (buffer.isNull()) {
            io.close();
            throw new OutOfMemoryError("av_malloc(" + BUFFER_SIZE + ")");
        }
        io.context = avformat.avio_alloc_context(buffer, BUFFER_SIZE, 0, io.opaque, READ, null, null);
        if (io.context == null || io.context.isNull()) {
            avutil.av_free(buffer);
            io.context = null;
            io.close();
            throw new OutOfMemoryError("avio_alloc_context");
        }
        io.context.seekable(0);
        BY_OPAQUE.put(io.opaque.address(), io);
        return io;
    }

    /** The native context, owned by this object. */
    AVIOContext context() {
        return context;
    }

    private int read(BytePointer buf, int size) {
        try {
            int n = source.read(scratch, 0, Math.min(size, scratch.length));
            if (n < 0) {
                return avutil.AVERROR_EOF;
            }
            buf.position(0).put(scratch, 0, n);
            return n;
        } catch (ByteSource.Stopped e) {
            return avutil.AVERROR_EXIT;
        } catch (IOException e) {
            return AVERROR_EIO;
        }
    }

    @Override
    public void close() {
        if (opaque != null) {
            BY_OPAQUE.remove(opaque.address());
        }
        source.close();
        if (context != null) {
            avutil.av_free(context.buffer()); // FFmpeg may have replaced the buffer: free the current one
            context.buffer(null);
            avformat.avio_context_free(context);
            context = null;
        }
        if (opaque != null) {
            opaque.close();
            opaque = null;
        }
    }
}
