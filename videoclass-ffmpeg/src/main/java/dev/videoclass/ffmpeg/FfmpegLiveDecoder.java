package dev.videoclass.ffmpeg;

import dev.videoclass.VideoException;
import dev.videoclass.ffmpeg.internal.LiveFrameSource;
import dev.videoclass.live.LiveDecoder;
import dev.videoclass.live.LiveOpenOptions;
import dev.videoclass.live.LiveSettings;
import dev.videoclass.live.LiveSource;
import dev.videoclass.live.StreamPolicy;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * {@link LiveDecoder} on FFmpeg: RTSP and RTSPS (RTP interleaved over the one TCP connection), HLS
 * over HTTP and HTTPS, and SRT (caller) where the FFmpeg build has the protocol. Each stream is opened
 * under a lock-down that keeps it where its {@link StreamPolicy} allows:
 * <ul>
 *   <li><b>HLS</b>: every playlist, key and segment FFmpeg's HLS demuxer asks for goes through a gate
 *       (its {@code io_open} callback) that checks the URL's scheme, host and port against the policy
 *       before anything is opened, then fetches it with the JDK's HTTP client (certificates verified,
 *       no redirects, no proxy) and hands FFmpeg the bytes. FFmpeg's own network protocols are not
 *       whitelisted at all. {@code file:}, {@code data:}, other hosts or ports, and nested playlists
 *       elsewhere are refused and reported.</li>
 *   <li><b>RTSP</b> and <b>RTSPS</b>: FFmpeg's RTSP client talks only to a relay in Java on
 *       127.0.0.1 (only TCP whitelisted), which makes the one connection to the stream's host and
 *       port and relays RTSP with RTP interleaved in it: no UDP ports, no third-party addresses from
 *       the SDP. The relay reads the server's replies strictly and rebuilds them (a reply it does not
 *       fully understand ends the connection), so a redirect to another host or port is answered
 *       {@code 403} and reported: no connection is ever made to its target. For RTSPS the relay speaks TLS through
 *       the JDK and verifies the server's certificate and host name against the JVM's default TLS
 *       context ({@code javax.net.ssl.trustStore}, or {@code SSLContext.setDefault}), as for HTTPS: a
 *       self-signed or mismatched certificate fails the connection until it is trusted.</li>
 *   <li><b>SRT</b>: the {@code srt} protocol alone, MPEG-TS payload.</li>
 * </ul>
 * The demuxer is always named (never probed), so no device or file demuxer can be reached, and the
 * stream's frames must fit {@link LiveOpenOptions#maxPixels()}.
 *
 * <p>Thread safe and stateless: one instance serves any number of monitors. FFmpeg's natives load
 * on first use, as for {@link FfmpegVideoDecoder}.
 */
public final class FfmpegLiveDecoder implements LiveDecoder {
    private final double socketTimeoutS;

    /** A decoder whose socket operations block at most {@link LiveSettings#DEFAULT_STALL_S} seconds. */
    public FfmpegLiveDecoder() {
        this(LiveSettings.DEFAULT_STALL_S);
    }

    /**
     * @param socketTimeoutS seconds an RTSP or SRT socket operation may block inside FFmpeg, and the
     *                       RTSP relay's connect (and TLS handshake) to the server may take; the
     *                       monitor's stall detection usually ends a blocked read sooner
     */
    public FfmpegLiveDecoder(double socketTimeoutS) {
        if (!(socketTimeoutS > 0)) {
            throw new IllegalArgumentException("socketTimeoutS must be positive");
        }
        this.socketTimeoutS = socketTimeoutS;
    }

    @Override
    public Set<StreamPolicy.Scheme> schemes() {
        FfmpegVideoDecoder.preload();
        Set<String> protocols = inputProtocols();
        Set<StreamPolicy.Scheme> out = EnumSet.of(StreamPolicy.Scheme.HTTP, StreamPolicy.Scheme.HTTPS);
        if (protocols.contains("tcp") && avformat.av_find_input_format("rtsp") != null) {
            out.add(StreamPolicy.Scheme.RTSP);
            out.add(StreamPolicy.Scheme.RTSPS); // TLS is the relay's (the JDK's), not FFmpeg's
        }
        if (protocols.contains("srt")) {
            out.add(StreamPolicy.Scheme.SRT);
        }
        return out;
    }

    @Override
    public LiveSource open(LiveOpenOptions options) throws VideoException {
        Objects.requireNonNull(options, "options");
        FfmpegVideoDecoder.preload();
        return LiveFrameSource.open(options, socketTimeoutS);
    }

    private static Set<String> inputProtocols() {
        Set<String> names = new HashSet<>();
        try (PointerPointer<Pointer> opaque = new PointerPointer<>(1)) {
            opaque.put(0, (Pointer) null);
            BytePointer name;
            while ((name = avformat.avio_enum_protocols(opaque, 0)) != null && !name.isNull()) {
                names.add(name.getString());
            }
        }
        return names;
    }
}
