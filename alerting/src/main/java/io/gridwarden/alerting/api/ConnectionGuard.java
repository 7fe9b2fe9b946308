package io.gridwarden.alerting.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the operations server to {@code max} connections and each connection to a deadline for its
 * next whole request ({@link RequestDeadline}). Vert.x has neither, so each connection is counted as
 * Vert.x hands it over and one beyond the cap is closed before its first request is handled (the same
 * approach as ingest's {@code HttpConnectionCap}). Idle connections are closed by the server's idle
 * timeout, which frees their places. Install as the server's connection handler and {@link #requestArrived}
 * as the router's first handler.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {

    private final Vertx vertx;
    private final int max;
    private final long requestReadMillis;
    private final AccessMetrics metrics;
    private final Map<HttpConnection, RequestDeadline> open = new ConcurrentHashMap<>();

    public ConnectionGuard(Vertx vertx, int max, Duration requestRead, AccessMetrics metrics) {
        this.vertx = vertx;
        this.max = max;
        this.requestReadMillis = requestRead.toMillis();
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpConnection connection) {
        if (open.size() >= max) {
            metrics.connectionRefused();
            connection.close();
            return;
        }
        RequestDeadline deadline = new RequestDeadline(vertx, connection, requestReadMillis, metrics::requestReadTimedOut);
        open.put(connection, deadline);
        connection.closeHandler(v -> {
            RequestDeadline gone = open.remove(connection);
            if (gone != null) {
                gone.connectionClosed();
            }
        });
        deadline.awaitRequest();
    }

    /** A request's headers have arrived: its connection's deadline now waits for the body, then for the response's end. */
    public void requestArrived(RoutingContext ctx) {
        RequestDeadline deadline = open.get(ctx.request().connection());
        if (deadline != null) {
            deadline.requestStarted(ctx.request());
            ctx.addEndHandler(ended -> deadline.requestEnded());
        }
        ctx.next();
    }

    /** Connections held now. */
    int open() {
        return open.size();
    }
}
