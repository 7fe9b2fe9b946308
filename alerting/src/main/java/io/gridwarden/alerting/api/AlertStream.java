package io.gridwarden.alerting.api;

import io.gridwarden.alerting.metrics.AlertingMetrics;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/alerts/stream}: violation updates as Server-Sent Events. Each connection is its own
 * {@link StreamCursor} on the durable action log, so a slow consumer costs a cursor, not a queue.
 * {@code Last-Event-ID} (or {@code ?lastEventId=}) resumes after that event; otherwise the stream is live.
 * An operator may hold {@code maxPerOperator} streams and alerting {@code maxStreams} in all; beyond
 * that a stream is refused with 429 / 503 and {@code Retry-After}.
 */
public final class AlertStream {

    /** Seconds a refused client is asked to wait: streams end when tabs close, which takes a moment to be seen. */
    static final int RETRY_AFTER_SECONDS = 10;

    private final RecordLog log;
    private final int partition;
    private final Duration keepAlive;
    private final StreamPositions positions;
    private final int maxPerOperator;
    private final int maxStreams;
    private final AlertingMetrics metrics;
    private final AccessMetrics access;
    private final Set<StreamCursor> open = new HashSet<>();
    private final Map<String, Integer> perOperator = new HashMap<>();

    public AlertStream(RecordLog log, int partition, Duration keepAlive, StreamPositions positions, int maxPerOperator, int maxStreams,
                       AlertingMetrics metrics, AccessMetrics access) {
        this.log = log;
        this.partition = partition;
        this.keepAlive = keepAlive;
        this.positions = positions;
        this.maxPerOperator = maxPerOperator;
        this.maxStreams = maxStreams;
        this.metrics = metrics;
        this.access = access;
    }

    public void handle(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        ViolationFilter filter;
        long from;
        try {
            filter = RequestParams.filter(ctx, operator.jurisdictions(), true);
            from = startOffset(ctx);
        } catch (InvalidParameter e) {
            Problems.invalid(ctx, e);
            return;
        }
        if (refused(ctx, operator)) {
            return;
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        StreamCursor cursor = new StreamCursor(ctx.vertx(), response, log, partition, from, filter, keepAlive, positions);
        open.add(cursor);
        perOperator.merge(operator.id(), 1, Integer::sum);
        metrics.streamOpened();
        response.closeHandler(v -> closed(cursor, operator));
        response.endHandler(v -> closed(cursor, operator));
        cursor.start();
    }

    /** Ends every open stream (alerting is stopping). */
    public void closeAll() {
        Set.copyOf(open).forEach(StreamCursor::close);
    }

    private boolean refused(RoutingContext ctx, Operator operator) {
        int held = perOperator.getOrDefault(operator.id(), 0);
        if (held >= maxPerOperator) {
            access.streamRefused("per-operator");
            Problems.retryLater(ctx, OpsProblem.TOO_MANY_STREAMS, "operator " + operator.id() + " already has " + held + " alert stream"
                    + (held == 1 ? "" : "s") + " open, the most one operator may hold; close one (another tab or screen) and try again",
                    RETRY_AFTER_SECONDS);
            return true;
        }
        if (open.size() >= maxStreams) {
            access.streamRefused("in-all");
            Problems.retryLater(ctx, OpsProblem.STREAMS_FULL, "alerting serves at most " + maxStreams
                    + " alert streams at once and all are taken; try again later", RETRY_AFTER_SECONDS);
            return true;
        }
        return false;
    }

    private void closed(StreamCursor cursor, Operator operator) {
        if (open.remove(cursor)) {
            perOperator.computeIfPresent(operator.id(), (id, n) -> n > 1 ? n - 1 : null);
            cursor.stop();
            metrics.streamClosed();
        }
    }

    private long startOffset(RoutingContext ctx) {
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last == null || last.isBlank()) {
            last = RequestParams.param(ctx, "lastEventId");
        }
        long end = log.endOffset(partition);
        return last == null || last.isBlank() ? end : Math.min(positions.position(last), end);
    }
}
