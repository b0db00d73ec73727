package dev.videoclass.ffmpeg.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal RTSP server on 127.0.0.1 for tests, since the ffmpeg tool can publish to an RTSP server
 * ({@code -rtsp_flags listen} waits for a publisher) but cannot serve players. A {@link LiveEncoder}
 * sends RTP (H.264) over UDP to this server, which answers OPTIONS, DESCRIBE (the encoder's SDP),
 * SETUP (TCP interleaved only), PLAY and TEARDOWN and relays every RTP packet to each playing
 * client as an interleaved frame on channel 0. It can answer DESCRIBE with a redirect (except
 * DESCRIBE of the redirect's own URL, which it serves), and be stopped and started again on the same
 * port. Closed by {@link #close()}, which stops the encoder too.
 */
public final class RtspTestServer implements AutoCloseable {
    private final DatagramSocket rtp;
    private final LiveEncoder encoder;
    private final String sdp;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<OutputStream> players = new CopyOnWriteArrayList<>();
    private final List<String> described = new CopyOnWriteArrayList<>();
    private volatile String redirectTo;
    private volatile RtspDigest digest;
    private volatile ServerSocket tcp;
    private final int port;

    private RtspTestServer(DatagramSocket rtp, LiveEncoder encoder, String sdp, ServerSocket tcp) {
        this.rtp = rtp;
        this.encoder = encoder;
        this.sdp = sdp;
        this.tcp = tcp;
        this.port = tcp.getLocalPort();
        daemon(this::relay, "rtsp-test-relay");
        daemon(() -> acceptLoop(tcp), "rtsp-test-accept");
    }

    /** Starts the encoder on {@code timeline} (320x240, 25 fps, a key frame a second) and the server. */
    public static RtspTestServer start(List<LiveEncoder.Stretch> timeline, Path dir) throws Exception {
        DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Path sdpFile = dir.resolve("live.sdp");
        LiveEncoder encoder = LiveEncoder.start(timeline, 320, 240, 25, 25, List.of("-rtpflags", "skip_rtcp",
                "-f", "rtp", "-sdp_file", sdpFile.toString(), "rtp://127.0.0.1:" + rtp.getLocalPort() + "?pkt_size=1200"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.exists(sdpFile) || Files.size(sdpFile) == 0) {
            if (Instant.now().isAfter(deadline) || !encoder.isAlive()) {
                encoder.close();
                rtp.close();
                throw new IllegalStateException("no SDP from the encoder: " + encoder.log());
            }
            Thread.sleep(50);
        }
        Thread.sleep(200); // the SDP file is written in one go, but give it a moment
        String sdp = Files.readString(sdpFile).replace("\r\n", "\n").trim() + "\na=control:trackID=0\n";
        return new RtspTestServer(rtp, encoder, sdp.replace("\n", "\r\n"), new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
    }

    /** {@code rtsp://127.0.0.1:PORT/live}. */
    public String url() {
        return "rtsp://127.0.0.1:" + port + "/live";
    }

    /**
     * Answers DESCRIBE with a redirect to {@code url}, unless {@code url} is on this server and the
     * request asks for its path (through a relay the request names the relay's origin); null: serve
     * the stream.
     */
    public void redirectTo(String url) {
        redirectTo = url;
    }

    /** Asks every request for Digest authentication with {@code digest} (null: none). */
    public void requireDigest(RtspDigest digest) {
        this.digest = digest;
    }

    /** The URIs of the DESCRIBE requests received so far, in order. */
    public List<String> described() {
        return List.copyOf(described);
    }

    /** Stops listening and drops every client. */
    public synchronized void stop() throws IOException {
        tcp.close();
        for (Socket c : clients) {
            c.close();
        }
        clients.clear();
        players.clear();
    }

    /** Listens again on the same port. */
    public synchronized void restart() throws IOException {
        stop();
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        tcp = s;
        daemon(() -> acceptLoop(s), "rtsp-test-accept");
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                clients.add(c);
                daemon(() -> session(c), "rtsp-test-session");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket c) {
        try (c; InputStream in = new BufferedInputStream(c.getInputStream()); OutputStream out = c.getOutputStream()) {
            while (true) {
                Map<String, String> req = readRequest(in);
                if (req == null) {
                    return;
                }
                String method = req.get("");
                String cseq = req.getOrDefault("cseq", "0");
                RtspDigest auth = digest;
                String reply = auth != null && !auth.accepts(method, req.get(":uri"), req.get("authorization"))
                        ? "RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq + "\r\n" + auth.challenge() + "\r\n"
                        : switch (method) {
                    case "OPTIONS" -> ok(cseq, "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n");
                    case "DESCRIBE" -> describe(cseq, req.get(":uri"));
                    case "SETUP" -> ok(cseq, "Session: 12345678;timeout=60\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
                    case "PLAY" -> ok(cseq, "Session: 12345678\r\nRange: npt=0.000-\r\n");
                    default -> ok(cseq, "");
                };
                synchronized (out) {
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                if (method.equals("PLAY")) {
                    players.add(out);
                } else if (method.equals("TEARDOWN")) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private String describe(String cseq, String uri) {
        described.add(uri);
        String to = redirectTo;
        java.net.URI target = to == null ? null : java.net.URI.create(to);
        if (target != null && !(target.getPort() == port && target.getPath().equals(java.net.URI.create(uri).getPath()))) {
            return "RTSP/1.0 302 Moved Temporarily\r\nCSeq: " + cseq + "\r\nLocation: " + to + "\r\n\r\n";
        }
        byte[] body = sdp.getBytes(StandardCharsets.US_ASCII);
        return "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nContent-Base: " + url() + "/\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n" + sdp;
    }

    private static String ok(String cseq, String headers) {
        return "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n" + headers + "\r\n";
    }

    /**
     * A request's method (key ""), URI (key ":uri") and headers (lower-case keys); interleaved frames
     * are skipped; null at the end.
     */
    private static Map<String, String> readRequest(InputStream in) throws IOException {
        Map<String, String> req = new HashMap<>();
        String line;
        while ((line = readLine(in)) != null) {
            if (line.isEmpty() && req.isEmpty()) {
                continue;
            }
            if (line.isEmpty()) {
                int length = Integer.parseInt(req.getOrDefault("content-length", "0").trim());
                in.readNBytes(length);
                return req;
            }
            if (req.isEmpty()) {
                String[] start = line.split(" ");
                req.put("", start[0]);
                req.put(":uri", start.length > 1 ? start[1] : "");
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    req.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
        }
        return null;
    }

    /** A CRLF-terminated line; an interleaved binary frame ({@code $}) before it is skipped. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c == '$' && b.size() == 0) {
                in.read();
                int len = (in.read() << 8) | in.read();
                in.readNBytes(len);
                continue;
            }
            if (c == '\n') {
                String s = b.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
    }

    private void relay() {
        byte[] buf = new byte[2048];
        while (!rtp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                rtp.receive(p);
                byte[] frame = new byte[4 + p.getLength()];
                frame[0] = '$';
                frame[1] = 0;
                frame[2] = (byte) (p.getLength() >> 8);
                frame[3] = (byte) p.getLength();
                System.arraycopy(p.getData(), 0, frame, 4, p.getLength());
                for (OutputStream out : players) {
                    try {
                        synchronized (out) {
                            out.write(frame);
                            out.flush();
                        }
                    } catch (IOException e) {
                        players.remove(out);
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        stop();
        rtp.close();
        encoder.close();
    }
}
