package dev.videoclass.ffmpeg.internal;

import dev.videoclass.live.StreamPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link RtspRelay} changes in the RTSP heads it relays, so that FFmpeg talks to the loopback
 * relay while the server sees its own URLs, and no redirect leads anywhere else:
 * <ul>
 *   <li>to the server: the relay's origin ({@code rtsp://127.0.0.1:PORT}) becomes the stream's
 *       origin as the user wrote it ({@code rtsp://host:port} or {@code rtsps://host:port});</li>
 *   <li>to FFmpeg: a 3xx response whose {@code Location} has the stream's scheme, host and port
 *       points at the relay instead (FFmpeg reconnects through it); any other 3xx becomes
 *       {@code 403 Forbidden} without a {@code Location}, and a server's {@code REDIRECT} request
 *       ends the connection. Both are reported, once each, as one line naming the target without
 *       user information or query.</li>
 * </ul>
 * Immutable; thread safe as long as the refusal consumer is.
 */
final class RtspRewrite {
    private final StreamPolicy policy;
    private final String localOrigin;
    private final Pattern local;
    private final String userOrigin;
    private final Consumer<String> refuse;

    /**
     * @param policy      the stream, whose origin the server must see
     * @param localOrigin the relay's origin, {@code rtsp://127.0.0.1:PORT}
     * @param refuse      told each refusal in one line, on the relaying thread
     */
    RtspRewrite(StreamPolicy policy, String localOrigin, Consumer<String> refuse) {
        this.policy = policy;
        this.localOrigin = localOrigin;
        this.local = Pattern.compile(Pattern.quote(localOrigin) + "(?![0-9])");
        this.userOrigin = policy.scheme().wireName() + "://" + authorityWithoutUser(URI.create(policy.url()));
        this.refuse = refuse;
    }

    /** A head on its way from FFmpeg to the server. */
    String toServer(String head) {
        return local.matcher(head).replaceAll(Matcher.quoteReplacement(userOrigin));
    }

    /** A head on its way from the server to FFmpeg; null ends the connection. */
    String toClient(String head) {
        int lineEnd = head.indexOf('\n');
        String start = head.substring(0, lineEnd).trim();
        String[] parts = start.split(" +");
        String location = RtspFraming.header(head, "location");
        if (start.startsWith("RTSP/")) {
            boolean redirect = parts.length > 1 && parts[1].length() == 3 && parts[1].charAt(0) == '3';
            if (!redirect) {
                return head;
            }
            if (location != null && sameOrigin(location, policy.scheme(), policy.host(), policy.port())) {
                return head.replace(location, onOrigin(localOrigin, URI.create(location)));
            }
            refuse.accept(refusal(policy, location));
            String eol = lineEnd > 0 && head.charAt(lineEnd - 1) == '\r' ? "\r\n" : "\n";
            return "RTSP/1.0 403 Forbidden" + eol + withoutLocation(head.substring(lineEnd + 1));
        }
        if (parts[0].equalsIgnoreCase("REDIRECT")) {
            refuse.accept(refusal(policy, location != null ? location : parts.length > 1 ? parts[1] : null));
            return null;
        }
        return head;
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
                + ": the RTSP server redirected there, to another host or port than " + policy.redacted();
    }

    /** {@code target}'s user information, path and query on {@code origin} ({@code scheme://host:port}). */
    static String onOrigin(String origin, URI target) {
        String user = target.getRawUserInfo() == null ? "" : target.getRawUserInfo() + "@";
        String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        return origin.replace("://", "://" + user) + path + query;
    }

    private static String withoutLocation(String headers) {
        return headers.replaceAll("(?im)^location:[^\\n]*\\n", "");
    }

    private static String authorityWithoutUser(URI uri) {
        String a = uri.getRawAuthority();
        return a.substring(a.lastIndexOf('@') + 1);
    }
}
