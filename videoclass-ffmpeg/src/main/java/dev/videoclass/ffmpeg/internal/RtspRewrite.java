package dev.videoclass.ffmpeg.internal;

import dev.videoclass.live.StreamPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link RtspRelay} changes in the heads the server sends, so that no redirect leads FFmpeg
 * anywhere but back through the relay. FFmpeg's requests pass to the server unchanged (they name the
 * relay's origin; a Digest {@code Authorization} hashes that URI, so rewriting it would break the
 * login).
 * <ul>
 *   <li>A server head is read strictly and rebuilt before FFmpeg sees it: a status line must be
 *       {@code RTSP/1.0}, one space and three digits; a request line a method, one space, a URI and
 *       {@code RTSP/1.0}; every header a name (an HTTP token without {@code $}) followed directly by
 *       a colon; no line may hold a carriage return, NUL or tab except a CRLF line end, start with
 *       {@code $} or white space, and {@code Location} and {@code Content-Length} appear at most once
 *       (a decimal length, rebuilt as {@code Content-Length: N}); no line is {@link #MAX_LINE} bytes or
 *       longer, before or after the rebuild. Anything else ends the connection: FFmpeg reads heads more loosely
 *       (it drops every carriage return, splits on tabs, takes the last of repeated headers), so a
 *       head the relay did not fully understand could mean a redirect to FFmpeg that it does not to
 *       the relay. The rebuilt head has CRLF line ends.</li>
 *   <li>A 3xx response whose {@code Location} has the stream's scheme, host and port points at the
 *       relay instead, with the user information of the stream's URL, never the server's (FFmpeg
 *       reconnects through it); any other 3xx becomes {@code 403 Forbidden}
 *       without a {@code Location}, and a server's {@code REDIRECT} request ends the connection. Both
 *       are reported, once each, as one line naming the target without user information or query.</li>
 * </ul>
 * Immutable; thread safe as long as the refusal consumer is.
 */
final class RtspRewrite {
    private static final Pattern STATUS = Pattern.compile("RTSP/1\\.0 ([0-9]{3})(?: [^\\t]*)?");
    private static final Pattern REQUEST = Pattern.compile("([A-Z_]+) ([^ \\t]+) RTSP/1\\.0");
    /** An RFC 2616 token without {@code $} (FFmpeg takes a line starting with it for a frame), a colon, the value. */
    private static final Pattern HEADER = Pattern.compile("([!#%&'*+.^_`|~0-9A-Za-z-]+):(.*)");
    private static final Pattern DIGITS = Pattern.compile(" *[0-9]{1,9} *");
    /**
     * The longest head line passed on, in bytes, line end excluded. FFmpeg keeps the first 4,095
     * bytes of a line and drops the rest, so a longer line would read differently to it.
     */
    static final int MAX_LINE = 2048;

    private final StreamPolicy policy;
    private final String localOrigin;
    private final String userInfo;
    private final Consumer<String> refuse;

    /**
     * @param policy      the stream, whose origin a redirect may keep
     * @param localOrigin the relay's origin, {@code rtsp://127.0.0.1:PORT}
     * @param refuse      told each refusal in one line, on the relaying thread
     */
    RtspRewrite(StreamPolicy policy, String localOrigin, Consumer<String> refuse) {
        this.policy = policy;
        this.localOrigin = localOrigin;
        this.userInfo = URI.create(policy.url()).getRawUserInfo();
        this.refuse = refuse;
    }

    /** A head on its way from the server to FFmpeg, rebuilt; null ends the connection. */
    String toClient(String head) {
        Head h = Head.parse(head);
        if (h == null) {
            return null;
        }
        if (h.status() != null) {
            if (h.status().charAt(0) != '3') {
                return build(h.start(), h.headers());
            }
            List<String> headers = h.withoutLocation();
            if (h.location() != null && sameOrigin(h.location(), policy.scheme(), policy.host(), policy.port())) {
                headers.add("Location: " + onOrigin(localOrigin, userInfo, URI.create(h.location())));
                return build(h.start(), headers);
            }
            refuse.accept(refusal(policy, h.location()));
            return build("RTSP/1.0 403 Forbidden", headers);
        }
        if (h.method().equals("REDIRECT")) {
            refuse.accept(refusal(policy, h.location() != null ? h.location() : h.requestUri()));
            return null;
        }
        return build(h.start(), h.headers());
    }

    /**
     * A server head read strictly (the rules of the class comment), once: its start line, what that
     * line says, its header lines without line ends ({@code Content-Length} rebuilt), and where its
     * {@code Location} header is ({@code locationAt}, -1: none).
     *
     * @param status     a response's three-digit status, null for a request
     * @param method     a request's method, null for a response
     * @param requestUri a request's URI, null for a response
     * @param location   the {@code Location} header's value, trimmed; null when there is none
     */
    private record Head(String start, String status, String method, String requestUri, List<String> headers,
                        int locationAt, String location) {
        /** The head, or null when it breaks a rule of the class comment. */
        static Head parse(String head) {
            String[] raw = head.split("\n", -1);
            // a head ends with an empty line: "...\r\n\r\n" splits into [..., "", ""] (or "\r", "")
            if (raw.length < 3 || !raw[raw.length - 1].isEmpty() || !stripCr(raw[raw.length - 2]).isEmpty()) {
                return null;
            }
            String start = strictLine(raw[0]);
            if (start == null) {
                return null;
            }
            Matcher status = STATUS.matcher(start);
            Matcher request = REQUEST.matcher(start);
            boolean isStatus = status.matches();
            if (!isStatus && !request.matches()) {
                return null;
            }
            List<String> headers = new ArrayList<>();
            int locationAt = -1;
            String location = null;
            boolean length = false;
            for (int i = 1; i < raw.length - 2; i++) {
                String line = strictLine(raw[i]);
                Matcher h = line == null ? null : HEADER.matcher(line);
                if (h == null || !h.matches() || line.indexOf('\t') >= 0) {
                    return null;
                }
                String name = h.group(1);
                if (name.equalsIgnoreCase("location")) {
                    if (locationAt >= 0) {
                        return null;
                    }
                    locationAt = headers.size();
                    location = h.group(2).trim();
                } else if (name.equalsIgnoreCase("content-length")) {
                    if (length || !DIGITS.matcher(h.group(2)).matches()) {
                        return null;
                    }
                    length = true;
                    line = "Content-Length: " + Integer.parseInt(h.group(2).trim()); // the number framing uses
                }
                headers.add(line);
            }
            return isStatus
                    ? new Head(start, status.group(1), null, null, headers, locationAt, location)
                    : new Head(start, null, request.group(1), request.group(2), headers, locationAt, location);
        }

        /** A line without its CR, or null when it is empty, {@link #MAX_LINE} or longer, or holds a CR or NUL. */
        private static String strictLine(String raw) {
            String line = stripCr(raw);
            return line.isEmpty() || line.length() >= MAX_LINE || line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0
                    ? null : line;
        }

        /** The header lines without the {@code Location} header, as a new list. */
        List<String> withoutLocation() {
            List<String> out = new ArrayList<>(headers);
            if (locationAt >= 0) {
                out.remove(locationAt);
            }
            return out;
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The head of {@code start} and {@code headers} with CRLF line ends; null when a line is {@link #MAX_LINE} or longer. */
    private static String build(String start, List<String> headers) {
        StringBuilder b = new StringBuilder(start).append("\r\n");
        for (String h : headers) {
            if (h.length() >= MAX_LINE) {
                return null;
            }
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    /** Whether {@code url} has {@code scheme} (its default port when it names none), {@code host} and {@code port}. */
    static boolean sameOrigin(String url, StreamPolicy.Scheme scheme, String host, int port) {
        try {
            URI u = new URI(url);
            String h = u.getHost();
            if (h == null || !scheme.wireName().equalsIgnoreCase(u.getScheme())) {
                return false;
            }
            h = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
            return h.equalsIgnoreCase(host) && (u.getPort() >= 0 ? u.getPort() : scheme.defaultPort()) == port;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The one-line refusal of {@code policy}'s redirect to {@code target} (null: a redirect naming no target). */
    static String refusal(StreamPolicy policy, String target) {
        return "refused " + (target == null ? "a redirect without a target" : StreamPolicy.quote(target))
                + ": the RTSP server redirected there, to another scheme, host or port than " + policy.redacted();
    }

    /** {@code target}'s path and query on {@code origin} ({@code scheme://host:port}) with {@code userInfo} (null: none). */
    static String onOrigin(String origin, String userInfo, URI target) {
        String user = userInfo == null ? "" : userInfo + "@";
        String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        return origin.replace("://", "://" + user) + path + query;
    }
}
