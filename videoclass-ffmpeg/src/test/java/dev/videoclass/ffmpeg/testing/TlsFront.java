package dev.videoclass.ffmpeg.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * TLS in front of a plain TCP server on 127.0.0.1, for tests: each connection accepted on the TLS
 * socket is copied both ways to a new connection to the back end (RTSPS in front of
 * {@link RtspTestServer}). Closed by {@link #close()}, which closes the listening socket; copies end
 * when their peers do.
 */
public final class TlsFront implements AutoCloseable {
    private final ServerSocket tls;

    private TlsFront(ServerSocket tls, int backendPort) {
        this.tls = tls;
        daemon(() -> {
            while (!tls.isClosed()) {
                try {
                    Socket client = tls.accept();
                    Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                    daemon(() -> copy(client, backend));
                    daemon(() -> copy(backend, client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Copies connections accepted on {@code tls} to {@code backendPort} on 127.0.0.1. */
    public static TlsFront start(ServerSocket tls, int backendPort) {
        return new TlsFront(tls, backendPort);
    }

    /** The TLS port. */
    public int port() {
        return tls.getLocalPort();
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a peer went away
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "tls-front");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        tls.close();
    }
}
