package dev.videoclass.ffmpeg.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 for tests: serves the files of a folder (an HLS playlist and its
 * segments), fixed bodies or redirects, logs every path requested, and can be made to stall (hold
 * requests unanswered), stopped and started again on the same port. Thread safe.
 */
public final class HlsServer implements AutoCloseable {
    private static final Pattern SEGMENT = Pattern.compile("seg(\\d+)\\.ts$");
    private final Path dir;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> fixed = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private volatile boolean stalled;
    private volatile int port;
    private HttpServer server;
    private ExecutorService pool;

    private HlsServer(Path dir) {
        this.dir = dir;
    }

    /** Serves {@code dir} on a free port of 127.0.0.1. */
    public static HlsServer start(Path dir) throws IOException {
        HlsServer s = new HlsServer(dir);
        s.listen(0);
        return s;
    }

    private synchronized void listen(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 16);
        pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "hls-test-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT/name}. */
    public String url(String name) {
        return "http://127.0.0.1:" + port + "/" + name;
    }

    /** Serves {@code body} at {@code /name} instead of a file. */
    public void serve(String name, String body) {
        fixed.put("/" + name, body);
    }

    /** Answers {@code /name} with a 302 redirect to {@code location}. */
    public void redirect(String name, String location) {
        redirects.put("/" + name, location);
    }

    /** Paths requested so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * The number of the first segment ({@code segNNNNN.ts}) requested: stream time 0 of a client that
     * started with it is that number times the segment length on the encoder's timeline.
     */
    public long firstSegment() {
        for (String r : requests) {
            Matcher m = SEGMENT.matcher(r);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IllegalStateException("no segment was requested: " + requests);
    }

    /** While stalled, requests are accepted and never answered. */
    public void stall(boolean on) {
        stalled = on;
    }

    /** Stops listening and drops the connections in progress. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void restart() throws IOException {
        stop();
        listen(port);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path);
        try {
            while (stalled) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            ex.close();
            return;
        }
        String location = redirects.get(path);
        if (location != null) {
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        byte[] body;
        String f = fixed.get(path);
        if (f != null) {
            body = f.getBytes(StandardCharsets.UTF_8);
        } else {
            Path file = dir.resolve(path.substring(1)).normalize();
            try {
                body = file.startsWith(dir) ? Files.readAllBytes(file) : null;
            } catch (NoSuchFileException e) {
                body = null;
            }
        }
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().set("Content-Type", path.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
