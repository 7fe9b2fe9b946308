package io.gridwarden.alerting.api;

import io.gridwarden.alerting.metrics.AlertingMetrics;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET /v1/alerts/stream}: violation updates as Server-Sent Events. Each connection is its own
 * {@link StreamCursor} on the durable action log, so a slow consumer costs a cursor, not a queue.
 * {@code Last-Event-ID} (or {@code ?lastEventId=}) resumes after that offset; otherwise the stream is live.
 */
public final class AlertStream {

    private final RecordLog log;
    private final int partition;
    private final Duration keepAlive;
    private final AlertingMetrics metrics;
    private final Set<StreamCursor> open = new HashSet<>();

    public AlertStream(RecordLog log, int partition, Duration keepAlive, AlertingMetrics metrics) {
        this.log = log;
        this.partition = partition;
        this.keepAlive = keepAlive;
        this.metrics = metrics;
    }

    public void handle(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        ViolationFilter filter;
        long from;
        try {
            filter = ViolationFilter.parse(operator.jurisdictions(), ctx.request().getParam("jurisdiction"),
                    ctx.request().getParam("category"), ctx.request().getParam("status"));
            from = startOffset(ctx);
        } catch (IllegalArgumentException e) {
            Problems.reply(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        StreamCursor cursor = new StreamCursor(ctx.vertx(), response, log, partition, from, filter, keepAlive);
        open.add(cursor);
        metrics.streamOpened();
        response.closeHandler(v -> closed(cursor));
        response.endHandler(v -> closed(cursor));
        cursor.start();
    }

    /** Ends every open stream (alerting is stopping). */
    public void closeAll() {
        Set.copyOf(open).forEach(StreamCursor::close);
    }

    private void closed(StreamCursor cursor) {
        if (open.remove(cursor)) {
            cursor.stop();
            metrics.streamClosed();
        }
    }

    private long startOffset(RoutingContext ctx) {
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last == null || last.isBlank()) {
            last = ctx.request().getParam("lastEventId");
        }
        if (last == null || last.isBlank()) {
            return log.endOffset(partition);
        }
        try {
            long id = Long.parseLong(last.trim());
            if (id < -1) {
                throw new NumberFormatException();
            }
            return id + 1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Last-Event-ID must be an event id this stream sent (a number), got '" + last + "'");
        }
    }
}
