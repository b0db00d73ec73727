package dev.videoclass.ffmpeg.internal;

import dev.videoclass.VideoException;
import dev.videoclass.live.LiveOpenOptions;
import dev.videoclass.live.StreamPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacpp.BytePointer;

/**
 * How FFmpeg opens a live stream so that it can reach nothing the {@link StreamPolicy} refuses, per
 * scheme — the network counterpart of the upload lock-down in {@link Container}:
 * <ul>
 *   <li><b>HLS</b> ({@code http}, {@code https}): the {@code hls} demuxer, every open through the
 *       {@link HlsGate} (policy-checked, fetched in Java); no FFmpeg protocol whitelisted; persistent
 *       and parallel HTTP off (both would bypass {@code io_open}); segment demuxers limited to
 *       MPEG-TS, MP4 and raw audio.</li>
 *   <li><b>RTSP</b> ({@code rtsp}, {@code rtsps}): the {@code rtsp} demuxer with RTP interleaved in
 *       the one TCP (or TLS) connection, so the server cannot make it open UDP ports or send RTCP
 *       elsewhere; only {@code tcp} (and {@code tls}) whitelisted; video only. FFmpeg's RTSP client
 *       follows a server's redirect by itself: the interrupt callback sees the context's URL change
 *       and aborts before the first request is written to the new address ({@link #refusesNow}).</li>
 *   <li><b>SRT</b>: the {@code mpegts} demuxer over the {@code srt} protocol alone, caller mode.</li>
 * </ul>
 * Immutable apart from the gate and the redirect flag, which belong to one connection.
 */
final class StreamLockdown implements AutoCloseable {
    /** Demuxers an HLS playlist's segments may use. */
    static final String HLS_FORMATS = "hls,mpegts,mov,mp4,m4a,3gp,3g2,mj2,aac,mp3,ac3,eac3";
    /** A protocol whitelist that names no protocol: FFmpeg may open nothing itself. */
    private static final String NO_PROTOCOL = "none";

    private final LiveOpenOptions options;
    private final String format;
    private final Map<String, String> settings;
    private final HlsGate gate;
    private BytePointer seenUrl;
    private String redirect;

    private StreamLockdown(LiveOpenOptions options, String format, Map<String, String> settings, HlsGate gate) {
        this.options = options;
        this.format = format;
        this.settings = settings;
        this.gate = gate;
    }

    /** The lock-down for one connection to {@code options.policy()}'s stream. */
    static StreamLockdown of(LiveOpenOptions options, double stallS) {
        StreamPolicy policy = options.policy();
        Map<String, String> s = new LinkedHashMap<>();
        long timeoutMicros = Math.max(1, Math.round(stallS * 1e6));
        switch (policy.scheme()) {
            case HTTP, HTTPS -> {
                s.put("protocol_whitelist", NO_PROTOCOL);
                s.put("format_whitelist", HLS_FORMATS);
                s.put("http_persistent", "0");
                s.put("http_multiple", "0");
                s.put("allowed_extensions", "ALL"); // every URL reaches the gate, which names refusals
                s.put("live_start_index", "-1");
                return new StreamLockdown(options, "hls", s, new HlsGate(policy, options.stop(), options.refused()));
            }
            case RTSP, RTSPS -> {
                s.put("protocol_whitelist", policy.scheme() == StreamPolicy.Scheme.RTSPS ? "tls,tcp" : "tcp");
                s.put("format_whitelist", "rtsp");
                s.put("rtsp_transport", "tcp");
                s.put("allowed_media_types", "video");
                s.put("timeout", Long.toString(timeoutMicros));
                return new StreamLockdown(options, "rtsp", s, null);
            }
            case SRT -> {
                s.put("protocol_whitelist", "srt");
                s.put("format_whitelist", "mpegts");
                s.put("timeout", Long.toString(timeoutMicros));
                return new StreamLockdown(options, "mpegts", s, null);
            }
            default -> throw new IllegalArgumentException("no lock-down for " + policy.scheme());
        }
    }

    /** The URL FFmpeg opens. */
    String url() {
        return options.policy().url();
    }

    /** The demuxer FFmpeg must use (no probing). */
    String format() {
        return format;
    }

    /** The options of {@code avformat_open_input}, whitelists included. */
    Map<String, String> settings() {
        return settings;
    }

    /** Before the open: puts an HLS context's I/O under the gate. */
    void attach(AVFormatContext fmt) throws VideoException {
        if (gate != null) {
            gate.attach(fmt);
        }
    }

    /**
     * Asked by the interrupt callback: whether FFmpeg's RTSP client now points somewhere the policy
     * refuses (it changes the context's URL when it follows a redirect). Reports the refusal once.
     */
    boolean refusesNow(AVFormatContext fmt) {
        if (redirect != null) {
            return true;
        }
        if (gate != null || fmt == null || fmt.isNull()) {
            return false;
        }
        BytePointer now = fmt.url();
        if (now == null || now.isNull() || (seenUrl != null && now.address() == seenUrl.address())) {
            return false;
        }
        seenUrl = now;
        String url = now.getString();
        if (!sameOrigin(url)) {
            redirect = "refused '" + url + "': the RTSP server redirected there, to another host or port than "
                    + options.policy().redacted();
            options.refused().accept(redirect);
            return true;
        }
        return false;
    }

    private boolean sameOrigin(String url) {
        StreamPolicy p = options.policy();
        try {
            URI u = new URI(url);
            int port = u.getPort() >= 0 ? u.getPort() : p.scheme().defaultPort();
            return p.scheme().wireName().equalsIgnoreCase(u.getScheme()) && p.host().equalsIgnoreCase(stripBrackets(u.getHost()))
                    && port == p.port();
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    private static String stripBrackets(String h) {
        return h != null && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** Why the open failed, in one line, given FFmpeg's own error text. */
    String failure(String avError) {
        return redirect != null ? redirect : gate != null && gate.lastFailure() != null ? gate.lastFailure() : avError;
    }

    /** After the context is closed: releases the gate's I/O. */
    @Override
    public void close() {
        if (gate != null) {
            gate.close();
        }
    }
}
