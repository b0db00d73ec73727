package dev.videoclass.ffmpeg.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A listener on a free port of 127.0.0.1 (or on a given server socket) that counts the connections
 * made to it and the bytes they send, and answers nothing: the witness that nothing was opened where
 * a policy refused. On a TLS socket the bytes are those after a completed handshake. Closed by
 * {@link #close()}.
 */
public final class ConnectionCounter implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    public ConnectionCounter() throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** Counts on {@code socket}, which it then owns. */
    public ConnectionCounter(ServerSocket socket) {
        this.socket = socket;
        Thread t = new Thread(this::acceptLoop, "connection-counter");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Bytes received on them so far. */
    public long bytes() {
        return bytes.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread reader = new Thread(() -> drain(s), "connection-counter-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void drain(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            s.setSoTimeout(5000);
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            // closed or timed out
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
