package dev.videoclass.ffmpeg.internal;

import dev.videoclass.live.StreamPolicy;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A loopback relay in front of an RTSP or RTSPS server, so that FFmpeg's RTSP client never reaches
 * the network itself: FFmpeg opens {@link #url()} ({@code rtsp://127.0.0.1:PORT/path?query}, over
 * plain TCP), and for each connection it makes the relay opens exactly one connection to the
 * policy's host and port — plain TCP for RTSP; TLS through the JDK for RTSPS, certificate and host
 * name verified — and copies both directions message by message ({@link RtspFraming}): FFmpeg's
 * requests unchanged, the server's heads read strictly and rebuilt ({@link RtspRewrite}). A redirect
 * can therefore only lead back through the relay to the same
 * server; anything else is answered {@code 403} and recorded ({@link #refusal()}). If the upstream
 * connection fails, FFmpeg's connection is closed at once and the reason kept ({@link #failure()}).
 *
 * <p>Thread safe. The relay owns its server socket and every connection; its threads are daemons
 * named {@value #THREAD}, never throw, and end when their sockets close. {@link #close()} closes
 * everything, from any thread, and may be called more than once. At most {@link #MAX_CONNECTIONS}
 * connections are accepted over its life.
 */
final class RtspRelay implements AutoCloseable {
    /** The name of the relay's threads. */
    static final String THREAD = "videoclass-rtsp-relay";
    /** Connections a relay accepts over its life (the first and the same-origin redirects). */
    static final int MAX_CONNECTIONS = 8;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final StreamPolicy policy;
    private final int timeoutMillis;
    private final ServerSocket server;
    private final String url;
    private final RtspRewrite rewrite;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicReference<String> refusal = new AtomicReference<>();
    private volatile String failure;
    private volatile boolean closed;

    private RtspRelay(StreamPolicy policy, double connectTimeoutS, ServerSocket server) {
        this.policy = policy;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(connectTimeoutS * 1000)));
        this.server = server;
        String origin = "rtsp://127.0.0.1:" + server.getLocalPort();
        URI stream = URI.create(policy.url());
        this.url = RtspRewrite.onOrigin(origin, stream.getRawUserInfo(), stream);
        this.rewrite = new RtspRewrite(policy, origin, r -> refusal.compareAndSet(null, r));
    }

    /**
     * Listens on an ephemeral port of 127.0.0.1 for FFmpeg's connections to {@code policy}'s stream.
     *
     * @param connectTimeoutS seconds the upstream connect and TLS handshake may take together
     */
    static RtspRelay start(StreamPolicy policy, double connectTimeoutS) throws IOException {
        ServerSocket server = new ServerSocket(0, MAX_CONNECTIONS, InetAddress.getByAddress(LOOPBACK));
        RtspRelay relay = new RtspRelay(policy, connectTimeoutS, server);
        daemon(relay::acceptLoop);
        return relay;
    }

    /** The URL FFmpeg opens: the stream's path, query and user information on the relay's origin. */
    String url() {
        return url;
    }

    /** The relay's port on 127.0.0.1. */
    int port() {
        return server.getLocalPort();
    }

    /** The first redirect refused, in one line; null while none was. */
    String refusal() {
        return refusal.get();
    }

    /** Why the last upstream connection could not be made, in one line; null while none failed. */
    String failure() {
        return failure;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (!track(client) || accepted.incrementAndGet() > MAX_CONNECTIONS) {
                    closeQuietly(client);
                } else {
                    daemon(() -> serve(client));
                }
            } catch (IOException | RuntimeException e) {
                return; // closed
            }
        }
    }

    /** One FFmpeg connection: its upstream connection, then both directions until either ends. */
    private void serve(Socket client) {
        Socket upstream = null;
        try {
            upstream = connect();
            Socket up = upstream;
            daemon(() -> pump(up, client, rewrite::toClient, this::rejectedReply));
            pump(client, upstream, head -> head, () -> { }); // FFmpeg's requests pass unchanged
        } catch (IOException | RuntimeException e) {
            failure = "cannot connect to " + policy.redacted() + ": " + describe(e);
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** The upstream connection; the TCP connect and the TLS handshake share one budget of {@code timeoutMillis}. */
    private Socket connect() throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        Socket plain = new Socket();
        if (!track(plain)) {
            plain.close();
            throw new IOException("the relay is closed");
        }
        plain.connect(new InetSocketAddress(policy.host(), policy.port()), timeoutMillis);
        if (policy.scheme() != StreamPolicy.Scheme.RTSPS) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) defaultTls().createSocket(plain, policy.host(), policy.port(), true);
        track(tls);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        tls.startHandshake();
        tls.setSoTimeout(0);
        return tls;
    }

    /**
     * The JVM's default TLS context as it is now ({@link SSLContext#setDefault}; its trust store is
     * {@code javax.net.ssl.trustStore} or the JDK's), looked up per connection rather than cached as
     * {@link SSLSocketFactory#getDefault()} is.
     */
    private static SSLSocketFactory defaultTls() throws IOException {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context: " + e.getMessage(), e);
        }
    }

    /** Keeps why the server's connection ended on a head the relay would not pass on (a refusal says it itself). */
    private void rejectedReply() {
        if (refusal.get() == null) {
            failure = "the RTSP server at " + policy.redacted()
                    + " sent a reply that is not strict RTSP/1.0, which the relay does not pass on";
        }
    }

    /**
     * Copies {@code from} to {@code to} until either ends, then closes both; {@code rejected} runs
     * first (before FFmpeg can see the connection end) when {@code heads} ended it.
     */
    private static void pump(Socket from, Socket to, RtspFraming.HeadRewriter heads, Runnable rejected) {
        try {
            if (!RtspFraming.copy(new BufferedInputStream(from.getInputStream()),
                    new BufferedOutputStream(to.getOutputStream()), heads)) {
                rejected.run();
            }
        } catch (IOException | RuntimeException e) {
            // a peer went away, or broke the framing: the connection ends either way
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static String describe(Exception e) {
        String what = !(e instanceof SSLException) ? ""
                : causedBy(e, CertificateException.class) ? "TLS handshake failed (certificate or host name not accepted): "
                : "TLS handshake failed: ";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return what + message.replaceAll("\\s+", " ");
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) { // getCause() is null, never the throwable itself, at the end
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** Registers {@code s} to be closed with the relay; false (and nothing registered) once closed. */
    private boolean track(Socket s) {
        sockets.add(s);
        if (closed) {
            sockets.remove(s);
            return false;
        }
        return true;
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, THREAD);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            // nothing more to release
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }
}
