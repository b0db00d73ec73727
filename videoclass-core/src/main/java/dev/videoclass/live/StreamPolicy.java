package dev.videoclass.live;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one live stream may take the decoder. The stream URL is explicit: its scheme, host and port
 * are allowed, and nothing else unless the allow-list names it. A decoder asks {@link #refusal} about
 * every further URL the stream points at (an HLS variant playlist, a segment, a key) before it opens
 * anything, and refuses what this policy refuses.
 *
 * <p>Rules for further URLs: only {@code http} and {@code https} (never {@code file:}, {@code data:}
 * or any other scheme), no {@code https} stream handing out {@code http} URLs, no user information,
 * and a host and port that are the stream's own or match an allow-list entry. An entry is
 * {@code HOST[:PORT]}: a host name or address (IPv6 in brackets), or {@code *.example.com} for any
 * subdomain of {@code example.com}; without a port it allows the default port of the URL's scheme
 * (80 for http, 443 for https). Hosts compare case-insensitively, as written: names are not resolved.
 *
 * <p>Stream URLs: {@code rtsp://}, {@code rtsps://}, {@code http(s)://} (an HLS playlist) and
 * {@code srt://} (caller mode only, with an explicit port). Immutable and thread safe.
 */
public final class StreamPolicy {

    /** The stream protocols a monitor accepts, with their default ports (-1: none, a port is required). */
    public enum Scheme {
        RTSP(554), RTSPS(322), HTTP(80), HTTPS(443), SRT(-1);

        private final int defaultPort;

        Scheme(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The port a URL of this scheme without one means; -1 when a URL must name its port. */
        public int defaultPort() {
            return defaultPort;
        }

        /** The lower-case scheme as URLs write it. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the stream is an HLS playlist fetched over HTTP(S). */
        public boolean isHttp() {
            return this == HTTP || this == HTTPS;
        }

        static Optional<Scheme> find(String scheme) {
            for (Scheme s : values()) {
                if (s.wireName().equalsIgnoreCase(scheme)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** One allow-list entry: a host (or {@code *.suffix}) and a port (-1: the scheme's default). */
    private record Entry(String host, int port) {
        boolean matches(String candidateHost, int candidatePort, int defaultPort) {
            int wanted = port >= 0 ? port : defaultPort;
            if (wanted != candidatePort) {
                return false;
            }
            return host.startsWith("*.") ? candidateHost.endsWith(host.substring(1)) : host.equals(candidateHost);
        }

        @Override
        public String toString() {
            return port >= 0 ? host + ":" + port : host;
        }
    }

    private final String url;
    private final Scheme scheme;
    private final String host;
    private final int port;
    private final String redacted;
    private final List<Entry> allowed;

    private StreamPolicy(String url, Scheme scheme, String host, int port, String redacted, List<Entry> allowed) {
        this.url = url;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.redacted = redacted;
        this.allowed = allowed;
    }

    /**
     * The policy of the stream at {@code url} with the extra hosts of {@code allowHosts}.
     *
     * @param url        the stream URL ({@code rtsp://}, {@code rtsps://}, {@code http(s)://}, {@code srt://})
     * @param allowHosts further {@code HOST[:PORT]} entries (segment CDNs, more hosts); may be empty
     * @throws IllegalArgumentException when the URL is malformed or refused (another scheme, a local
     *                                  file or device, no host, an SRT URL in listener mode) or an
     *                                  entry is malformed; the message says which and why
     */
    public static StreamPolicy of(String url, List<String> allowHosts) {
        Objects.requireNonNull(url, "url");
        URI uri = parse(url);
        Scheme scheme = Scheme.find(String.valueOf(uri.getScheme())).orElseThrow(() -> new IllegalArgumentException(
                "refused " + quote(url) + ": only rtsp://, rtsps://, http(s):// (HLS) and srt:// streams are watched,"
                        + " never local files or devices"));
        String host = hostOf(uri);
        if (host == null) {
            throw new IllegalArgumentException("refused " + quote(url) + ": the URL names no host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.defaultPort();
        if (port < 0) {
            throw new IllegalArgumentException("refused " + quote(url) + ": an " + scheme.wireName() + " URL needs a port");
        }
        if (scheme.isHttp() && uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("refused " + quote(url) + ": user information in an HTTP URL is not sent");
        }
        if (scheme == Scheme.SRT) {
            checkSrtMode(uri, url);
        }
        List<Entry> entries = new ArrayList<>();
        for (String e : allowHosts) {
            entries.add(entry(e));
        }
        String redacted = scheme.wireName() + "://" + hostPort(host, port) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        return new StreamPolicy(url, scheme, host, port, redacted, List.copyOf(entries));
    }

    /** The stream URL as given (with any credentials: pass it to the decoder, never to logs). */
    public String url() {
        return url;
    }

    /** The URL without user information, query or fragment: for logs, events and metrics. */
    public String redacted() {
        return redacted;
    }

    public Scheme scheme() {
        return scheme;
    }

    /** The stream's host, lower case (IPv6 without brackets). */
    public String host() {
        return host;
    }

    /** The stream's port (the scheme's default when the URL names none). */
    public int port() {
        return port;
    }

    /**
     * Why the stream may not open {@code candidate}, a URL it points at; empty when it may. The reason
     * is one line naming the URL and the rule it breaks.
     */
    public Optional<String> refusal(String candidate) {
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return Optional.of("refused " + quote(candidate) + ": not a valid URL");
        }
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!s.equals("http") && !s.equals("https")) {
            return Optional.of("refused " + quote(candidate) + ": scheme " + (s.isEmpty() ? "(none)" : s)
                    + " is not allowed (only http and https)");
        }
        if (scheme == Scheme.HTTPS && s.equals("http")) {
            return Optional.of("refused " + quote(candidate) + ": an https stream may not fall back to http");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("refused " + quote(candidate) + ": URLs with user information are not opened");
        }
        String h = hostOf(uri);
        if (h == null) {
            return Optional.of("refused " + quote(candidate) + ": the URL names no host");
        }
        int defaultPort = s.equals("https") ? 443 : 80;
        int p = uri.getPort() >= 0 ? uri.getPort() : defaultPort;
        if (h.equals(host) && p == port) {
            return Optional.empty();
        }
        for (Entry e : allowed) {
            if (e.matches(h, p, defaultPort)) {
                return Optional.empty();
            }
        }
        return Optional.of("refused " + quote(candidate) + ": " + hostPort(h, p) + " is neither the stream's "
                + hostPort(host, port) + " nor on the allow-list" + (allowed.isEmpty() ? "" : " " + allowed));
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("refused " + quote(url) + ": not a valid URL (" + e.getReason() + ")");
        }
    }

    private static String hostOf(URI uri) {
        String h = uri.getHost();
        if (h == null || h.isEmpty()) {
            return null;
        }
        h = h.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** SRT is watched as a caller only: a listener or rendezvous URL would make the monitor accept peers. */
    private static void checkSrtMode(URI uri, String url) {
        String q = uri.getRawQuery();
        if (q == null) {
            return;
        }
        for (String pair : q.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equalsIgnoreCase("mode") && (kv.length < 2 || !kv[1].equalsIgnoreCase("caller"))) {
                throw new IllegalArgumentException("refused " + quote(url) + ": SRT streams are watched in caller mode only");
            }
        }
    }

    /** Checks an allow-list entry's form; {@link LiveSettings} calls it so that a bad entry fails early. */
    static void checkEntry(String text) {
        entry(text);
    }

    private static Entry entry(String text) {
        String t = Objects.requireNonNull(text, "allow-list entry").trim().toLowerCase(Locale.ROOT);
        String host = t;
        int port = -1;
        int close = t.indexOf(']');
        int colon = t.lastIndexOf(':');
        if (t.startsWith("[")) {
            if (close < 0) {
                throw new IllegalArgumentException("allow-list entry " + quote(text) + ": missing ']'");
            }
            host = t.substring(1, close);
            colon = t.indexOf(':', close);
        } else if (colon >= 0) {
            host = t.substring(0, colon);
        }
        if (colon >= 0) {
            try {
                port = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allow-list entry " + quote(text) + ": the port is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("allow-list entry " + quote(text) + ": the port must be 1-65535");
            }
        }
        if (host.isEmpty() || host.contains("/") || host.contains("@") || host.equals("*.")
                || host.indexOf('*') > 0 || (host.startsWith("*") && !host.startsWith("*."))) {
            throw new IllegalArgumentException("allow-list entry " + quote(text)
                    + ": expected HOST[:PORT] or *.DOMAIN[:PORT]");
        }
        return new Entry(host, port);
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * A URL quoted for a message: without user information and query (passwords, SRT passphrases),
     * capped at 200 characters. Decoders use it for the URLs they refuse.
     */
    public static String quote(String url) {
        String u = url.replaceFirst("^([^:/?#]*:)?//[^/?#]*@", "$1//").replaceFirst("[?#].*$", "");
        u = u.length() > 200 ? u.substring(0, 200) + "..." : u;
        return "'" + u + "'";
    }

    @Override
    public String toString() {
        return "StreamPolicy[" + redacted + ", allow " + allowed + "]";
    }
}
