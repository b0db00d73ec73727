package dev.videoclass.ffmpeg.internal;

import dev.videoclass.ErrorCode;
import dev.videoclass.VideoException;
import dev.videoclass.live.LiveOpenOptions;
import dev.videoclass.live.StreamPolicy;
import java.io.IOException;
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
 *       the one TCP connection, so the server cannot make it open UDP ports or send RTCP elsewhere;
 *       only {@code tcp} whitelisted; video only. FFmpeg connects to nothing but a loopback
 *       {@link RtspRelay}, which alone connects to the policy's host and port (TLS with verified
 *       certificates for RTSPS): a redirect elsewhere is refused by the relay before any connection
 *       is made to its target. As a second line the interrupt callback aborts if the context's URL
 *       ever leaves the relay ({@link #refusesNow}); it cannot prevent a connection (FFmpeg asks it
 *       only after connecting), which is why the relay rebuilds every head the server sends.</li>
 *   <li><b>SRT</b>: the {@code mpegts} demuxer over the {@code srt} protocol alone, caller mode.</li>
 * </ul>
 * Immutable apart from the gate, the relay and the redirect flag, which belong to one connection and
 * are closed with it. Used by the decoding thread (the interrupt callback runs on it); the relay's
 * threads only record refusals and failures, which this class reports to
 * {@link LiveOpenOptions#refused()} on the decoding thread.
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
    private final RtspRelay relay;
    private BytePointer seenUrl;
    private String redirect;

    private StreamLockdown(LiveOpenOptions options, String format, Map<String, String> settings, HlsGate gate,
                           RtspRelay relay) {
        this.options = options;
        this.format = format;
        this.settings = settings;
        this.gate = gate;
        this.relay = relay;
    }

    /**
     * The lock-down for one connection to {@code options.policy()}'s stream; for RTSP(S) it starts
     * the relay, which the lock-down owns.
     *
     * @param stallS seconds a socket operation may block (the relay's upstream connect included)
     * @throws VideoException when the relay cannot listen on the loopback address
     */
    static StreamLockdown of(LiveOpenOptions options, double stallS) throws VideoException {
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
                return new StreamLockdown(options, "hls", s, new HlsGate(policy, options.stop(), options.refused()), null);
            }
            case RTSP, RTSPS -> {
                s.put("protocol_whitelist", "tcp"); // to the relay only; TLS for RTSPS is the relay's
                s.put("format_whitelist", "rtsp");
                s.put("rtsp_transport", "tcp");
                s.put("allowed_media_types", "video");
                // FFmpeg's first read waits for the relay's connect and handshake (stallS together):
                // twice that, so the relay's failure, which names the cause, ends the open first
                s.put("timeout", Long.toString(2 * timeoutMicros));
                return new StreamLockdown(options, "rtsp", s, null, relay(policy, stallS));
            }
            case SRT -> {
                s.put("protocol_whitelist", "srt");
                s.put("format_whitelist", "mpegts");
                s.put("timeout", Long.toString(timeoutMicros));
                return new StreamLockdown(options, "mpegts", s, null, null);
            }
            default -> throw new IllegalArgumentException("no lock-down for " + policy.scheme());
        }
    }

    private static RtspRelay relay(StreamPolicy policy, double stallS) throws VideoException {
        try {
            return RtspRelay.start(policy, stallS);
        } catch (IOException e) {
            throw new VideoException(ErrorCode.INTERNAL, "cannot start the RTSP relay on 127.0.0.1: " + e.getMessage());
        }
    }

    /** The URL FFmpeg opens: the relay's for RTSP(S), the stream's otherwise. */
    String url() {
        return relay != null ? relay.url() : options.policy().url();
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
     * Asked by the interrupt callback: whether the relay refused a redirect, or FFmpeg's RTSP client
     * points anywhere but the relay (it changes the context's URL when it follows a redirect; the
     * relay only lets same-origin redirects through, rewritten to itself). Reports the refusal once,
     * on the calling (decoding) thread.
     */
    boolean refusesNow(AVFormatContext fmt) {
        if (redirect != null) {
            return true;
        }
        if (relay == null || fmt == null || fmt.isNull()) {
            return false;
        }
        if (relay.refusal() != null) {
            return refuse(relay.refusal());
        }
        BytePointer now = fmt.url();
        if (now == null || now.isNull() || (seenUrl != null && now.address() == seenUrl.address())) {
            return false;
        }
        seenUrl = now;
        String url = now.getString();
        if (!RtspRewrite.sameOrigin(url, StreamPolicy.Scheme.RTSP, "127.0.0.1", relay.port())) {
            return refuse(RtspRewrite.refusal(options.policy(), url));
        }
        return false;
    }

    private boolean refuse(String reason) {
        redirect = reason;
        options.refused().accept(reason);
        return true;
    }

    /** Why the open failed, in one line, given FFmpeg's own error text. */
    String failure(String avError) {
        if (redirect == null && relay != null && relay.refusal() != null) {
            refuse(relay.refusal());
        }
        if (redirect != null) {
            return redirect;
        }
        if (relay != null && relay.failure() != null) {
            return relay.failure();
        }
        return gate != null && gate.lastFailure() != null ? gate.lastFailure() : avError;
    }

    /** After the context is closed: releases the gate's I/O and stops the relay. */
    @Override
    public void close() {
        if (gate != null) {
            gate.close();
        }
        if (relay != null) {
            relay.close();
        }
    }
}
