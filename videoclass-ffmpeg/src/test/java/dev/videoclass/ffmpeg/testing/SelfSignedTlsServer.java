package dev.videoclass.ffmpeg.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS listener on a free port of 127.0.0.1 whose certificate is self-signed (made by the JDK's
 * {@code keytool} for {@code 127.0.0.1}), so no default trust store accepts it. It counts the
 * connections, the TLS handshakes that completed and the application bytes received, and answers
 * nothing: the witness that a client verifying certificates sends nothing there. Closed by
 * {@link #close()}.
 */
public final class SelfSignedTlsServer implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private final SSLServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    private SelfSignedTlsServer(SSLServerSocket socket) {
        this.socket = socket;
        Thread t = new Thread(this::acceptLoop, "self-signed-tls");
        t.setDaemon(true);
        t.start();
    }

    /** Makes a key pair and certificate in {@code dir} and starts listening. */
    public static SelfSignedTlsServer start(Path dir) throws Exception {
        Path store = dir.resolve("self-signed.p12");
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String log = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + log);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        return new SelfSignedTlsServer((SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** TLS handshakes that completed so far. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Application bytes received after a handshake so far. */
    public long bytes() {
        return bytes.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread reader = new Thread(() -> serve((SSLSocket) s), "self-signed-tls-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SSLSocket s) {
        try (s) {
            s.setSoTimeout(5000);
            s.startHandshake();
            handshakes.incrementAndGet();
            byte[] buf = new byte[4096];
            int n;
            while ((n = s.getInputStream().read(buf)) > 0) {
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            // a client that refused the certificate, or closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
