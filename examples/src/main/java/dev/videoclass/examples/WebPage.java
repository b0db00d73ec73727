package dev.videoclass.examples;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

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

    /** Where the files sit in the jar, next to this class. */
    private static final String FOLDER = "web/";
    /** Path → file name in {@link #FOLDER}. */
    private static final Map<String, String> FILES = Map.of("/", "index.html", "/page.js", "page.js", "/page.css", "page.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    /** A file's bytes and content type. */
    private record Asset(byte[] body, String type) {
    }

    private final Map<String, Asset> assets;

    /** Reads the page's files from the jar; a missing one is a broken build ({@link IllegalStateException}). */
    WebPage() {
        Map<String, Asset> read = new HashMap<>();
        FILES.forEach((path, name) -> read.put(path, new Asset(read(FOLDER + name),
                TYPES.get(name.substring(name.lastIndexOf('.') + 1)))));
        this.assets = Map.copyOf(read);
    }

    private static byte[] read(String name) {
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
        Asset asset = assets.get(path);
        send(ex, asset.body(), asset.type());
    }

    /** Sends a keyframe thumbnail. */
    static void sendJpeg(HttpExchange ex, byte[] jpeg) throws IOException {
        send(ex, jpeg, "image/jpeg");
    }

    private static void send(HttpExchange ex, byte[] body, String type) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
