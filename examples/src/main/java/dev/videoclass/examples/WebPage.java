package dev.videoclass.examples;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The example service's page: one HTML file, one script and one stylesheet, read once from the
 * examples jar ({@code dev/videoclass/examples/web/}) and served at {@code /}, {@code /page.js} and
 * {@code /page.css}. Every response carries a Content-Security-Policy that lets the page talk to
 * its own origin only (images from it or {@code data:} URLs for the poster) and run no inline code,
 * so nothing it shows can load or run anything from elsewhere. Immutable and thread safe.
 */
final class WebPage {
    /** The policy: this origin only, no inline script, no plugins, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static final String FOLDER = "web/";
    /** Path → (resource file, content type). */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/page.js", new String[] {"page.js", "text/javascript; charset=utf-8"},
            "/page.css", new String[] {"page.css", "text/css; charset=utf-8"});

    private final Map<String, byte[]> bodies;

    WebPage() {
        this.bodies = Map.of("/", read("/"), "/page.js", read("/page.js"), "/page.css", read("/page.css"));
    }

    private static byte[] read(String path) {
        String name = FOLDER + FILES.get(path)[0];
        try (InputStream in = WebPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the examples jar lacks " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code path} is one of the page's files. */
    static boolean serves(String path) {
        return FILES.containsKey(path);
    }

    /** Sends the file at {@code path} ({@link #serves} it) with its type and the policy. */
    void send(HttpExchange ex, String path) throws IOException {
        byte[] body = Optional.ofNullable(bodies.get(path)).orElseThrow();
        secure(ex.getResponseHeaders(), FILES.get(path)[1]);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sends a keyframe thumbnail. */
    static void sendJpeg(HttpExchange ex, byte[] jpeg) throws IOException {
        secure(ex.getResponseHeaders(), "image/jpeg");
        ex.sendResponseHeaders(200, jpeg.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(jpeg);
        }
    }

    private static void secure(Headers h, String type) {
        h.set("Content-Type", type);
        h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-cache");
    }
}
