package io.gridwarden.ingest;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds the HTTP server to a number of connections: Vert.x has no such option, so each connection is
 * counted as Vert.x hands it over (once its first bytes tell HTTP/1.x from HTTP/2), and one beyond the
 * cap is closed before its first request is handled: nothing of it is stored, and the client sees the
 * connection closed and retries later. Idle connections are closed by the server's idle timeout
 * ({@code HttpServerOptions.setIdleTimeout}), which frees their places.
 */
final class HttpConnectionCap implements Handler<HttpConnection> {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    HttpConnectionCap(int max) {
        this.max = max;
    }

    @Override
    public void handle(HttpConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.incrementAndGet();
            connection.close();
            return;
        }
        connection.closeHandler(v -> open.decrementAndGet());
    }

    int open() {
        return open.get();
    }

    long refused() {
        return refused.get();
    }
}
