package io.gridwarden.alerting.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/**
 * One connection's deadline for its next whole request: armed when the connection opens and whenever
 * its last response has ended, and again when a request's headers are in but its body is not. If it
 * passes with the request still unread (slowloris: headers or a body trickled a byte at a time, each
 * byte keeping the idle timer happy), the connection is closed. While a request is being answered
 * (an alert stream for hours) there is no deadline. Used on the connection's event loop only.
 */
final class RequestDeadline {

    private final Vertx vertx;
    private final HttpConnection connection;
    private final long timeoutMillis;
    private final Runnable onExpiry;
    private long timer = -1;
    private int inFlight;
    private HttpServerRequest reading;
    private boolean closed;

    RequestDeadline(Vertx vertx, HttpConnection connection, long timeoutMillis, Runnable onExpiry) {
        this.vertx = vertx;
        this.connection = connection;
        this.timeoutMillis = timeoutMillis;
        this.onExpiry = onExpiry;
    }

    /** The connection is open and owes its next request. */
    void awaitRequest() {
        reading = null;
        if (!closed) {
            arm();
        }
    }

    /** A request's headers are in; its body may still be coming. */
    void requestStarted(HttpServerRequest request) {
        inFlight++;
        cancel();
        if (!request.isEnded() && !closed) {
            reading = request;
            arm();
        }
    }

    /** A response has ended (or its connection failed). */
    void requestEnded() {
        inFlight = Math.max(0, inFlight - 1);
        if (inFlight == 0) {
            awaitRequest();
        }
    }

    /** The connection has closed: no deadline any more, whatever ends after this. */
    void connectionClosed() {
        closed = true;
        cancel();
    }

    private void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void arm() {
        cancel();
        timer = vertx.setTimer(timeoutMillis, id -> expired());
    }

    private void expired() {
        timer = -1;
        boolean owesRequest = inFlight == 0;
        boolean bodyUnread = reading != null && !reading.isEnded();
        if (owesRequest || bodyUnread) {
            onExpiry.run();
            connection.close();
        }
    }
}
