package dev.videoclass.ffmpeg.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RTSP Digest authentication (RFC 2617 without qop, as IP cameras ask for it) on the server side of
 * tests, strict as the RFC asks: the {@code uri} parameter must equal the request's URI, and the
 * response is checked over it. Immutable.
 */
public final class RtspDigest {
    static final String REALM = "videoclass-test";
    static final String NONCE = "5f2b8c1d9e";
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final String user;
    private final String password;

    public RtspDigest(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** The {@code WWW-Authenticate} header line of a 401 answer, CRLF included. */
    String challenge() {
        return "WWW-Authenticate: Digest realm=\"" + REALM + "\", nonce=\"" + NONCE + "\"\r\n";
    }

    /** Whether {@code authorization} (the header's value, null when absent) proves the password for this request. */
    boolean accepts(String method, String requestUri, String authorization) {
        if (authorization == null || !authorization.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(authorization);
        while (m.find()) {
            p.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String uri = p.get("uri");
        if (!user.equals(p.get("username")) || !REALM.equals(p.get("realm")) || !NONCE.equals(p.get("nonce"))
                || uri == null || !uri.equals(requestUri)) {
            return false;
        }
        String expected = md5(md5(user + ":" + REALM + ":" + password) + ":" + NONCE + ":" + md5(method + ":" + uri));
        return expected.equals(p.get("response"));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
