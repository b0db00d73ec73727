package dev.videoclass.ffmpeg.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * The HLS gate's HTTP client: a GET of exactly the URL given, with the JDK's client (HTTP/1.1, TLS
 * certificates verified, proxies and redirects never followed), a byte range when asked, and a stop
 * signal polled while waiting for the answer. Failures carry the FFmpeg error code FFmpeg expects
 * from an open. Thread safe: one client serves the whole process.
 */
final class HttpFetch {
    /** Longest wait for a TCP connection, seconds (the stop signal usually ends it sooner). */
    private static final long CONNECT_TIMEOUT_S = 10;
    /** FFmpeg's {@code AVERROR(ECONNREFUSED)} on Linux. */
    private static final int AVERROR_ECONNREFUSED = -111;

    /** A fetch that failed, with the code to return to FFmpeg and a one-line reason. */
    static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        final int averror;
        /** Whether it is a refusal (a redirect not followed) rather than an error. */
        final boolean refusal;

        Failure(int averror, String message, boolean refusal) {
            super(message);
            this.averror = averror;
            this.refusal = refusal;
        }
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(CONNECT_TIMEOUT_S))
                .build();
    }

    private HttpFetch() {
    }

    /**
     * GETs {@code uri} (bytes {@code offset} to {@code end} exclusive when {@code end > 0}) and returns
     * its body. A redirect is a failure that names its target: nothing is fetched from it.
     *
     * @throws ByteSource.Stopped when {@code stop} answered true while waiting
     * @throws Failure            for a refused connection, an HTTP error or a redirect
     */
    /** Cancels a body at once, however long or endless it is. */
    private static final Flow.Subscriber<List<ByteBuffer>> CANCELLING = new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    };

    static ByteSource get(URI uri, long offset, long end, BooleanSupplier stop) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET();
        if (offset > 0 || end > 0) {
            req.header("Range", "bytes=" + offset + "-" + (end > 0 ? Long.toString(end - 1) : ""));
        }
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending =
                Holder.CLIENT.sendAsync(req.build(), HttpResponse.BodyHandlers.ofPublisher());
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = await(pending, uri, stop);
        int status = response.statusCode();
        if (status / 100 != 2) {
            response.body().subscribe(CANCELLING); // nothing of an error body is read: the connection is released
            throw failure(status, response, uri);
        }
        boolean whole = status == 200;
        long length = end > 0 ? end - offset : -1;
        HttpBody body = new HttpBody(stop, whole ? offset : 0, length);
        response.body().subscribe(body);
        return body;
    }

    private static <T> T await(CompletableFuture<T> pending, URI uri, BooleanSupplier stop) throws IOException {
        try {
            while (true) {
                try {
                    return pending.get(HttpBody.POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (stop.getAsBoolean()) {
                        pending.cancel(true);
                        throw new ByteSource.Stopped();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new ByteSource.Stopped();
        } catch (CancellationException e) {
            throw new ByteSource.Stopped();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException) {
                throw new Failure(AVERROR_ECONNREFUSED, "cannot connect to " + origin(uri) + ": connection refused", false);
            }
            throw new Failure(JavaAvio.AVERROR_EIO, "cannot fetch " + uri + ": " + cause, false);
        }
    }

    private static Failure failure(int status, HttpResponse<?> response, URI uri) {
        if (status / 100 == 3) {
            String to = response.headers().firstValue("Location").orElse("(no Location)");
            return new Failure(-1, "refused '" + uri + "': the server redirects to '" + to
                    + "', and redirects are not followed (watch the final URL)", true);
        }
        int code = switch (status) {
            case 400 -> avutil.AVERROR_HTTP_BAD_REQUEST;
            case 401 -> avutil.AVERROR_HTTP_UNAUTHORIZED;
            case 403 -> avutil.AVERROR_HTTP_FORBIDDEN;
            case 404 -> avutil.AVERROR_HTTP_NOT_FOUND;
            case 429 -> avutil.AVERROR_HTTP_TOO_MANY_REQUESTS;
            default -> status >= 500 ? avutil.AVERROR_HTTP_SERVER_ERROR : avutil.AVERROR_HTTP_OTHER_4XX;
        };
        return new Failure(code, "HTTP " + status + " for " + uri, false);
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }
}
