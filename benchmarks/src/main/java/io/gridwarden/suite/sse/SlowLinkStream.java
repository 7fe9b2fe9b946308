package io.gridwarden.suite.sse;

import io.gridwarden.alerting.AlertingConfig;
import io.gridwarden.alerting.AlertingVerticle;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.town.Town;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An operator's screen on a poor link, measured: alerting runs in this JVM over a real action log in
 * {@code dir}; a writer appends violation updates at {@code rate} a second; one client whose socket
 * has a {@code window}-byte receive buffer reads {@code GET /v1/alerts/stream} as fast as its window
 * lets it, and {@code stalled} more clients connect and never read. Reports the events a second the
 * slow client received, and the heap alerting holds for the stalled ones.
 */
public final class SlowLinkStream {

    /** What one run measured. */
    public record Result(int rate, int window, long rttMillis, boolean gzip, double receivedPerSecond, long produced, long received, int stalled,
                         long heapBeforeStalledBytes, long heapWithStalledBytes) {
        public long heapPerStalledClientBytes() {
            return stalled == 0 ? 0 : (heapWithStalledBytes - heapBeforeStalledBytes) / stalled;
        }
    }

    private static final String ADMIN = "demo-admin";

    private final Path dir;
    private final int rate;
    private final int window;
    private final Duration duration;
    private final int stalled;
    private final Duration rtt;
    private final boolean gzip;

    /**
     * With a zero {@code rtt} the slow client's own socket has the {@code window}-byte receive buffer;
     * otherwise it reads through a {@link PoorLink} of that window and round-trip time, asking for
     * {@code gzip} if told to.
     */
    public SlowLinkStream(Path dir, int rate, int window, Duration duration, int stalled, Duration rtt, boolean gzip) {
        this.dir = dir;
        this.rate = rate;
        this.window = window;
        this.duration = duration;
        this.stalled = stalled;
        this.rtt = rtt;
        this.gzip = gzip;
    }

    public Result run() throws Exception {
        RocksRecordLog actions = RocksRecordLog.open(LogSpec.of(dir.resolve("actions"), 1));
        RocksRecordLog events = RocksRecordLog.open(LogSpec.of(dir.resolve("events"), 1));
        Vertx vertx = Vertx.vertx();
        AtomicLong produced = new AtomicLong();
        Thread writer = daemon("slow-stream-writer", () -> produce(actions, produced));
        try {
            AlertingConfig config = AlertingConfig.defaults(dir.resolve("alerting")).withHost("127.0.0.1").withHttpPort(0);
            AlertingVerticle alerting = new AlertingVerticle(config, Town.demo(), actions, events, DeviceSessions.NONE, new PrometheusRegistry());
            vertx.deployVerticle(alerting).await(30, TimeUnit.SECONDS);
            return measure(alerting.actualPort(), produced);
        } finally {
            writer.interrupt();
            writer.join(); // RocksDB must not be closed under a writer, nor under alerting's readers
            vertx.close().await(30, TimeUnit.SECONDS);
            actions.close();
            events.close();
        }
    }

    private Result measure(int port, AtomicLong produced) throws Exception {
        AtomicLong received = new AtomicLong();
        try (PoorLink link = rtt.isZero() ? null : new PoorLink(port, window, rtt.toMillis());
             Socket reader = rtt.isZero() ? open(port, window) : null) {
            daemon("slow-stream-reader", () -> {
                if (link == null) {
                    count(reader, received);
                } else {
                    countThrough(link.port(), received);
                }
            });
            Thread.sleep(1_000); // the first second: connection set-up and JIT
            long from = received.get();
            long start = System.nanoTime();
            Thread.sleep(duration.toMillis());
            double perSecond = (received.get() - from) / ((System.nanoTime() - start) / 1e9);
            long heapBefore = settledHeap();
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < stalled; i++) {
                    idle.add(open(port, window));
                }
                Thread.sleep(3_000); // let every stalled stream fill its socket and pause
                return new Result(rate, window, rtt.toMillis(), gzip, perSecond, produced.get(), received.get(), stalled, heapBefore,
                        settledHeap());
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    /**
     * Appends one action at a time without waiting, as the job's action-log sink does, so they become
     * readable as the log's group commits make them durable: a few, or one, at a time.
     */
    private void produce(RocksRecordLog actions, AtomicLong produced) {
        long tickNanos = 1_000_000L;
        int perTick = Math.max(1, rate / 1000);
        long next = System.nanoTime();
        Instant seen = Instant.parse("2026-12-04T08:00:00Z");
        try {
            Deque<CompletableFuture<?>> appends = new ArrayDeque<>();
            while (!Thread.currentThread().isInterrupted()) {
                for (int i = 0; i < perTick; i++) {
                    Action action = Action.update(violation(produced.getAndIncrement(), seen));
                    appends.addLast(actions.append(List.of(new LogEntry("actions", action.id(), ActionCodec.encode(action)))));
                }
                while (appends.size() > rate || !appends.isEmpty() && appends.peekFirst().isDone()) {
                    appends.pollFirst().join(); // at most a second's appends in flight
                }
                next += tickNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A dispatched parking violation of {@code cam-0001}, one per {@code n}: a realistic ~700-byte SSE event. */
    static Violation violation(long n, Instant seen) {
        String track = "t-" + n;
        String id = ActionIds.violation("cam-0001", "z-parking", track, seen);
        return new Violation(id, "illegal_parking", ViolationStatus.DETECTED, "cam-0001", null, "z-parking", "hecun", "hecun-g02",
                track, "car", 28.7405, 118.5860, seen, null, null, null, "http://cam-0001.local/snap/" + n + ".jpg", seen, null)
                .withStatus(ViolationStatus.DISPATCHED, seen.plusSeconds(90), "nearest available officer off-01");
    }

    private static Socket open(int port, int window) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(window); // before connect, so the window scale is fixed by it
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Counts "event:" lines as they arrive, reading at most {@code window} bytes at a time. */
    private void count(Socket socket, AtomicLong received) {
        try {
            countEvents(socket.getInputStream(), received);
        } catch (IOException e) {
            // the run closed the socket
        }
    }

    private void countEvents(InputStream stream, AtomicLong received) {
        byte[] buffer = new byte[window];
        byte[] pattern = "\nevent:".getBytes(StandardCharsets.US_ASCII);
        int matched = 0;
        try (InputStream in = stream) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    matched = buffer[i] == pattern[matched] ? matched + 1 : (buffer[i] == pattern[0] ? 1 : 0);
                    if (matched == pattern.length) {
                        received.incrementAndGet();
                        matched = 0;
                    }
                }
            }
        } catch (IOException e) {
            // the run closed the socket
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Reads the stream through the poor link with an ordinary HTTP client, inflating it when it came gzipped. */
    private void countThrough(int port, AtomicLong received) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/alerts/stream"))
                .header("Authorization", "Bearer " + ADMIN).header("Accept", "text/event-stream");
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean gzipped = response.headers().firstValue("content-encoding").orElse("").equalsIgnoreCase("gzip");
            InputStream body = gzipped ? new GZIPInputStream(response.body(), 512) : response.body();
            countEvents(body, received);
        } catch (IOException e) {
            // the run ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
