package io.gridwarden.alerting;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A raw TCP connection to the operations port, watched from the moment it opens: when the server
 * closes it and what the server sent. For attacks a well-behaved HTTP client cannot make (idle
 * sockets, requests that never finish).
 */
final class RawConnection {

    private final NetSocket socket;
    private final CompletableFuture<Long> closedAtNanos = new CompletableFuture<>();
    private final StringBuffer received = new StringBuffer();

    private RawConnection(NetSocket socket) {
        this.socket = socket;
        socket.closeHandler(v -> closedAtNanos.complete(System.nanoTime()));
        socket.handler(buffer -> received.append(buffer.toString(StandardCharsets.ISO_8859_1)));
    }

    static RawConnection open(NetClient net, int port) throws Exception {
        return net.connect(port, "127.0.0.1").map(RawConnection::new)
                .await(AlertingHarness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static RawConnection open(Vertx vertx, int port) throws Exception {
        return open(vertx.createNetClient(), port);
    }

    void write(String text) throws Exception {
        socket.write(Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1)))
                .await(AlertingHarness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes without waiting: the server may have closed the connection already, which is what some tests expect. */
    void send(String text) {
        socket.write(Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    boolean isClosed() {
        return closedAtNanos.isDone();
    }

    /** Waits until the server closes the connection; false if it is still open after {@code millis}. */
    boolean closedWithin(long millis) throws InterruptedException {
        try {
            closedAtNanos.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    String received() {
        return received.toString();
    }

    void close() {
        socket.close();
    }
}
