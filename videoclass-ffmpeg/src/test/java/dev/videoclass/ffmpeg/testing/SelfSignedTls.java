package dev.videoclass.ffmpeg.testing;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS listener on a free port of 127.0.0.1 whose certificate is self-signed, made by the JDK's
 * {@code keytool} for {@code 127.0.0.1}, so that no default trust store accepts it. Hand it to a
 * {@link ConnectionCounter} to count what a client sends there, or to a {@link TlsFront} to serve
 * RTSPS; {@link #trusting} is a client context that trusts it. Stateless.
 */
public final class SelfSignedTls {
    private static final String PASSWORD = "changeit";
    private static final String STORE = "self-signed.p12";

    private SelfSignedTls() {
    }

    /** Makes a key pair and certificate in {@code dir} and listens with it; the caller closes the socket. */
    public static SSLServerSocket listen(Path dir) throws Exception {
        KeyStore keys = keyStore(dir);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        return (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    /** A TLS context that trusts the certificate {@link #listen} last made in {@code dir}, and nothing else. */
    public static SSLContext trusting(Path dir) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", load(dir.resolve(STORE)).getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    private static KeyStore keyStore(Path dir) throws Exception {
        Path store = dir.resolve(STORE);
        Files.deleteIfExists(store);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String log = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + log);
        }
        return load(store);
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }
}
