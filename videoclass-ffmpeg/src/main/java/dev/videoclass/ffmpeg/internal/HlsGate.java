package dev.videoclass.ffmpeg.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import dev.videoclass.live.StreamPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The only way FFmpeg's HLS demuxer can read anything: every playlist, variant, rendition, key and
 * segment it wants goes through this gate's {@code io_open} callback, which checks the URL against
 * the {@link StreamPolicy} (scheme, host and port) before anything is opened, fetches it with Java's
 * HTTP client ({@link HttpFetch}: no redirects, no proxies) and hands FFmpeg the bytes
 * ({@link JavaAvio}). FFmpeg's own network protocols are never used: the context's protocol
 * whitelist names none, so a path that bypassed the gate would fail closed. AES-128 segments
 * ({@code crypto+} URLs) are decrypted here ({@link AesCbcSource}).
 *
 * <p>The top-level playlist is opened by the gate too and given to FFmpeg as custom I/O, which
 * FFmpeg does not close: {@link #close()} does, after the context is closed. A refused URL is told
 * to the {@code refused} consumer and answered with {@code AVERROR(EPERM)}; the demuxer then skips
 * that segment or fails to open.
 *
 * <p>All contexts share one native {@code io_open} and one {@code io_close2} callback; each context
 * is known to them by a small native block set as its {@code opaque} pointer. A gate is used by the
 * thread that uses its context; the registry is thread safe.
 */
final class HlsGate implements AutoCloseable {
    /** libavformat's {@code AVFMT_FLAG_CUSTOM_IO} (a macro the bindings do not carry): FFmpeg never closes the caller's I/O. */
    private static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;
    /** FFmpeg's {@code AVERROR(EPERM)}: what the demuxer gets for a refused URL. */
    private static final int AVERROR_EPERM = -1;

    private static final ConcurrentHashMap<Long, HlsGate> GATES = new ConcurrentHashMap<>();
    private static final AVFormatContext.Io_open_AVFormatContext_PointerPointer_BytePointer_int_PointerPointer IO_OPEN =
            new AVFormatContext.Io_open_AVFormatContext_PointerPointer_BytePointer_int_PointerPointer() {
                @Override
                public int call(AVFormatContext s, PointerPointer pb, BytePointer url, int flags, PointerPointer options) {
                    try {
                        HlsGate gate = gateOf(s);
                        return gate == null ? AVERROR_EPERM
                                : gate.open(pb, url.getString(StandardCharsets.UTF_8), flags, options);
                    } catch (Throwable t) {
                        return JavaAvio.AVERROR_EIO; // an exception must not cross into native code
                    }
                }
            };
    private static final AVFormatContext.Io_close2_AVFormatContext_AVIOContext IO_CLOSE =
            new AVFormatContext.Io_close2_AVFormatContext_AVIOContext() {
                @Override
                public int call(AVFormatContext s, AVIOContext pb) {
                    try {
                        HlsGate gate = gateOf(s);
                        if (gate != null && pb != null) {
                            gate.closeContext(pb.address());
                        }
                        return 0;
                    } catch (Throwable t) {
                        return JavaAvio.AVERROR_EIO;
                    }
                }
            };

    private final StreamPolicy policy;
    private final BooleanSupplier stop;
    private final Consumer<String> refused;
    private final Map<Long, JavaAvio> open = new HashMap<>();
    private LongPointer key;
    private JavaAvio top;
    private String lastFailure;

    HlsGate(StreamPolicy policy, BooleanSupplier stop, Consumer<String> refused) {
        this.policy = policy;
        this.stop = stop;
        this.refused = refused;
    }

    private static HlsGate gateOf(AVFormatContext s) {
        return s == null || s.opaque() == null ? null : GATES.get(s.opaque().address());
    }

    /**
     * Puts {@code fmt}'s I/O under this gate and opens the stream's playlist as its custom I/O.
     *
     * @throws VideoException when the playlist cannot be fetched
     */
    void attach(AVFormatContext fmt) throws VideoException {
        key = new LongPointer(1);
        GATES.put(key.address(), this);
        fmt.opaque(key);
        fmt.io_open(IO_OPEN);
        fmt.io_close2(IO_CLOSE);
        try {
            top = JavaAvio.of(fetch(policy.url(), null, null, 0, 0));
        } catch (IOException e) {
            if (e instanceof ByteSource.Stopped) {
                throw new VideoException(ErrorCode.CANCELLED, "stopped while fetching the playlist");
            }
            throw new VideoException(ErrorCode.UNSUPPORTED_FORMAT, e.getMessage());
        }
        fmt.pb(top.context());
        fmt.flags(fmt.flags() | AVFMT_FLAG_CUSTOM_IO);
    }

    /** The last reason an open failed or was refused, or null. */
    String lastFailure() {
        return lastFailure;
    }

    private int open(PointerPointer<?> pb, String url, int flags, PointerPointer<?> options) {
        if ((flags & avformat.AVIO_FLAG_WRITE) != 0) {
            return refuse("refused writing to '" + url + "'");
        }
        AVDictionary dict = options == null || options.isNull() || options.get(0) == null
                ? null : new AVDictionary(options.get(0));
        String target = url;
        String cryptoKey = null;
        String iv = null;
        if (url.startsWith("crypto+") || url.startsWith("crypto:")) {
            target = url.substring("crypto+".length());
            cryptoKey = option(dict, "key");
            iv = option(dict, "iv");
            if (cryptoKey == null || iv == null) {
                return refuse("refused '" + target + "': an encrypted segment without its key and IV");
            }
        }
        try {
            JavaAvio io = JavaAvio.of(fetch(target, cryptoKey, iv, longOption(dict, "offset"), longOption(dict, "end_offset")));
            open.put(io.context().address(), io);
            pb.put(0, io.context());
            return 0;
        } catch (HttpFetch.Failure f) {
            if (f.refusal) {
                return refuse(f.getMessage());
            }
            lastFailure = f.getMessage();
            return f.averror;
        } catch (ByteSource.Stopped s) {
            return avutil.AVERROR_EXIT;
        } catch (IOException e) {
            lastFailure = e.getMessage();
            return JavaAvio.AVERROR_EIO;
        }
    }

    /** Checks {@code url}, then fetches it (decrypting when a key is given). */
    private ByteSource fetch(String url, String cryptoKey, String iv, long offset, long end) throws IOException {
        Optional<String> refusal = policy.refusal(url);
        if (refusal.isPresent()) {
            refuse(refusal.get());
            throw new HttpFetch.Failure(AVERROR_EPERM, refusal.get(), false);
        }
        ByteSource body = HttpFetch.get(URI.create(url), offset, end, stop);
        return cryptoKey == null ? body : new AesCbcSource(body, cryptoKey, iv);
    }

    private int refuse(String reason) {
        lastFailure = reason;
        refused.accept(reason);
        return AVERROR_EPERM;
    }

    private void closeContext(long address) {
        JavaAvio io = open.remove(address);
        if (io != null) {
            io.close();
        }
    }

    private static String option(AVDictionary dict, String name) {
        if (dict == null) {
            return null;
        }
        AVDictionaryEntry e = avutil.av_dict_get(dict, name, null, 0);
        return e == null || e.isNull() ? null : e.value().getString();
    }

    private static long longOption(AVDictionary dict, String name) {
        String v = option(dict, name);
        try {
            return v == null ? 0 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Closes what the demuxer left open and the playlist, and leaves the registry; call after the context is closed. */
    @Override
    public void close() {
        open.values().forEach(JavaAvio::close);
        open.clear();
        if (top != null) {
            top.close();
            top = null;
        }
        if (key != null) {
            GATES.remove(key.address(), this);
            key.close();
            key = null;
        }
    }
}
