package io.gridwarden.alerting.api;

import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;

/**
 * One alert-stream connection: reads a page of the action log on a worker, writes the matching
 * violation updates, waits for the socket to drain when its queue is full, and waits for the next
 * record when caught up. Holds at most one page in memory, whatever the consumer's speed.
 */
final class StreamCursor {

    static final int PAGE = 200;

    /**
     * The least time between two writes of a live stream. Events that arrive closer together wait for
     * the gap and go out as one write; an event after a quiet spell goes out at once. One write per
     * event (a segment each) is what starves a client with a small receive window: every small
     * segment costs it a buffer's worth of overhead, its window closes, and the stream crawls.
     */
    static final long MIN_WRITE_GAP_NANOS = 10_000_000L;

    /** A page turned into SSE text, and where the next page starts. */
    private record Page(String text, long next, boolean full) {}

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final RecordLog log;
    private final int partition;
    private final ViolationFilter filter;
    private final Duration keepAlive;
    private final StreamPositions positions;
    private long cursor;
    private long keepAliveTimer = -1;
    private long lastWriteNanos = System.nanoTime() - MIN_WRITE_GAP_NANOS;
    private boolean stopped;

    StreamCursor(Vertx vertx, HttpServerResponse response, RecordLog log, int partition, long from,
                 ViolationFilter filter, Duration keepAlive, StreamPositions positions) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.response = response;
        this.log = log;
        this.partition = partition;
        this.filter = filter;
        this.keepAlive = keepAlive;
        this.positions = positions;
        this.cursor = from;
    }

    void start() {
        response.write(": connected\n" + position());
        keepAliveTimer = vertx.setPeriodic(keepAlive.toMillis(), t -> {
            if (!stopped && !response.writeQueueFull()) {
                response.write(": keepalive\n" + position());
            }
        });
        readPage();
    }

    /**
     * An id-only block: a client takes it as its last event id without dispatching an event, so a
     * reconnect resumes from here even when no matching violation was sent yet. The id is sealed
     * ({@link StreamPositions}) and differs every time, so it does not tell whether other operators'
     * actions went by meanwhile.
     */
    private String position() {
        return "id: " + positions.id(cursor) + "\n\n";
    }

    void stop() {
        stopped = true;
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
        }
    }

    void close() {
        stop();
        if (!response.ended()) {
            response.end();
        }
    }

    private void readPage() {
        if (stopped) {
            return;
        }
        long from = cursor;
        vertx.executeBlocking(() -> render(log.read(partition, from, PAGE), from), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        response.reset();
                    } else {
                        write(ar.result());
                    }
                });
    }

    private void write(Page page) {
        if (stopped) {
            return;
        }
        cursor = page.next();
        if (!page.text().isEmpty()) {
            response.write(page.text());
            lastWriteNanos = System.nanoTime();
        }
        if (response.writeQueueFull()) {
            response.drainHandler(v -> {
                response.drainHandler(null);
                readPage();
            });
        } else if (page.full()) {
            readPage();
        } else {
            log.awaitRecord(partition, cursor).whenComplete((v, e) -> context.runOnContext(x -> readPageAfterGap()));
        }
    }

    private void readPageAfterGap() {
        long wait = lastWriteNanos + MIN_WRITE_GAP_NANOS - System.nanoTime();
        if (wait <= 0) {
            readPage();
        } else {
            vertx.setTimer(Math.max(1, wait / 1_000_000L), t -> readPage());
        }
    }

    private Page render(List<LogRecord> records, long from) {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : records) {
            Action action = decode(record);
            if (action != null && action.kind() == Action.Kind.VIOLATION_UPDATE && filter.test(action.violation())) {
                text.append("id: ").append(positions.id(record.offset() + 1)).append('\n')
                        .append("event: violation.").append(action.violation().status().wireName()).append('\n')
                        .append("data: ").append(EvidenceLinks.json(action.violation())).append("\n\n");
            }
        }
        long next = records.isEmpty() ? from : records.get(records.size() - 1).offset() + 1;
        return new Page(text.toString(), next, records.size() == PAGE);
    }

    private static Action decode(LogRecord record) {
        try {
            return ActionCodec.decode(record.payload());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
