package io.gridwarden.suite.sse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A poor link between an operator's screen and alerting, emulated on loopback: a TCP relay whose
 * server-to-client direction holds at most {@code window} bytes in flight and takes {@code rtt} for a
 * byte to be delivered and its acknowledgement to come back (half each way), as TCP with a
 * {@code window}-byte receive window over such a path would. So it carries at most window / rtt bytes
 * a second however the server writes. The client-to-server direction (the request) is only delayed.
 * One connection at a time is enough for the benchmark.
 */
final class PoorLink implements AutoCloseable {

    private record Chunk(byte[] bytes, long dueNanos) {}

    private final ServerSocket listener;
    private final int targetPort;
    private final int window;
    private final long halfRttNanos;
    private volatile boolean closed;

    PoorLink(int targetPort, int window, long rttMillis) throws IOException {
        this.listener = new ServerSocket();
        this.listener.bind(new InetSocketAddress("127.0.0.1", 0));
        this.targetPort = targetPort;
        this.window = window;
        this.halfRttNanos = TimeUnit.MILLISECONDS.toNanos(rttMillis) / 2;
        daemon("poor-link-accept", this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket("127.0.0.1", targetPort);
                server.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                daemon("poor-link-up", () -> upstream(client, server));
                daemon("poor-link-down", () -> downstream(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void upstream(Socket client, Socket server) {
        byte[] buffer = new byte[8192];
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                TimeUnit.NANOSECONDS.sleep(halfRttNanos);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            quietlyClose(server);
        }
    }

    /**
     * Reads from the server only while fewer than {@code window} bytes are in flight; a chunk reaches
     * the client half an RTT after it left, and its bytes stop counting half an RTT after that.
     */
    private void downstream(Socket server, Socket client) {
        Deque<Chunk> inFlight = new ArrayDeque<>();
        Deque<Chunk> acks = new ArrayDeque<>();
        long flying = 0;
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buffer = new byte[window];
            while (!closed) {
                long now = System.nanoTime();
                while (!inFlight.isEmpty() && inFlight.peekFirst().dueNanos() <= now) {
                    Chunk c = inFlight.pollFirst();
                    out.write(c.bytes());
                    out.flush();
                    acks.addLast(new Chunk(c.bytes(), System.nanoTime() + halfRttNanos));
                }
                while (!acks.isEmpty() && acks.peekFirst().dueNanos() <= now) {
                    flying -= acks.pollFirst().bytes().length;
                }
                int room = (int) (window - flying);
                if (room > 0 && in.available() > 0 || room > 0 && inFlight.isEmpty() && acks.isEmpty()) {
                    int n = in.read(buffer, 0, room);
                    if (n < 0) {
                        return;
                    }
                    inFlight.addLast(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + halfRttNanos));
                    flying += n;
                } else {
                    TimeUnit.MICROSECONDS.sleep(200);
                }
            }
        } catch (IOException | InterruptedException e) {
            quietlyClose(client);
        }
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
