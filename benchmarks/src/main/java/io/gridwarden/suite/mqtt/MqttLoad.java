package io.gridwarden.suite.mqtt;

import static io.gridwarden.loadgen.AckLatencies.millis;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.loadgen.AckLatencies;
import io.gridwarden.loadgen.FrameBatches;
import io.gridwarden.loadgen.Tally;
import io.gridwarden.suite.report.RatePoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * QoS 1 publishers in open loop (HiveMQ's async MQTT 5 client, one session per camera): batches are
 * due at a fixed rate whatever the PUBACKs' speed, and each batch's latency runs from its due time to
 * its PUBACK, so a stalled broker shows as latency (no coordinated omission). Cameras authenticate as
 * gridwarden expects (username = id, password {@code demo-<id>}); a broker that allows anonymous
 * clients accepts the same.
 */
public final class MqttLoad {

    /** CONNECTs awaiting their CONNACK at once. */
    private static final int MAX_PENDING_CONNECTS = 200;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How long the last PUBACKs may take once the window's batches are all sent; those still out then failed. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /** The cameras that publish, each its own session: the first {@code count} of them. */
    public static List<String> sessions(List<String> cameras, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--mqtt-sessions takes n ≥ 1, not " + count);
        }
        return cameras.subList(0, Math.min(cameras.size(), count));
    }

    /** Where and what to publish. */
    public record Settings(String system, String host, int port, int eventsPerSecond, int batchSize, Duration warmup, Duration duration,
            int maxInFlight, List<String> cameras) {

        /** On loopback, as the suite runs every broker. */
        public Settings(String system, int port, int eventsPerSecond, int batchSize, Duration warmup, Duration duration, int maxInFlight,
                List<String> cameras) {
            this(system, "127.0.0.1", port, eventsPerSecond, batchSize, warmup, duration, maxInFlight, cameras);
        }
    }

    public RatePoint run(Settings s) throws InterruptedException {
        List<Mqtt5AsyncClient> clients = connect(s);
        try {
            return publish(s, clients);
        } finally {
            disconnect(clients);
        }
    }

    /**
     * Closes every session and waits for them (up to 30 s): the next point's sessions must not find the last
     * one's still open, or with thousands of sessions both sides run into their open-files limit.
     */
    private static void disconnect(List<Mqtt5AsyncClient> clients) throws InterruptedException {
        CompletableFuture<?>[] closing = clients.stream().map(c -> c.disconnect().exceptionally(e -> null)).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("MQTT load: not every session closed within 30 s (" + e + ")");
        }
    }

    private static List<Mqtt5AsyncClient> connect(Settings s) throws InterruptedException {
        Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS); // thousands of sessions connect in seconds, not one by one
        List<CompletableFuture<Mqtt5AsyncClient>> connecting = new ArrayList<>();
        for (String camera : s.cameras()) {
            pending.acquire();
            Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(camera + "-bench-" + System.nanoTime())
                    .serverHost(s.host()).serverPort(s.port()).buildAsync();
            connecting.add(client.connectWith().cleanStart(true).simpleAuth().username(camera)
                    .password(DeviceClient.demoToken(camera).getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .restrictions().receiveMaximum(65535).applyRestrictions().send().orTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ack, error) -> pending.release()).thenApply(ack -> client));
        }
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        Throwable failed = null;
        for (CompletableFuture<Mqtt5AsyncClient> c : connecting) {
            try {
                clients.add(c.join());
            } catch (CompletionException e) {
                failed = failed == null ? e.getCause() : failed;
            }
        }
        if (failed != null) {
            disconnect(clients); // the sessions that did connect must not outlive the failed point
            throw new IllegalStateException(String.format("%s: %,d of %,d MQTT sessions did not connect to %s:%d within %d s; the first: %s",
                    s.system(), s.cameras().size() - clients.size(), s.cameras().size(), s.host(), s.port(), CONNECT_TIMEOUT.toSeconds(), failed), failed);
        }
        return clients;
    }

    private static RatePoint publish(Settings s, List<Mqtt5AsyncClient> clients) throws InterruptedException {
        var batches = new FrameBatches(Long.toString(System.nanoTime(), 36));
        var inFlight = new Semaphore(s.maxInFlight());
        var acked = new AtomicLong();
        var failures = new Tally();
        long interval = Math.max(1, (long) (1e9 * s.batchSize() / s.eventsPerSecond()));
        long start = System.nanoTime();
        long measureFrom = start + s.warmup().toNanos();
        long end = measureFrom + s.duration().toNanos();
        var latencies = new AckLatencies(start);
        boolean measuring = false; // latencies of warm-up batches still in flight at the switch may land in the window
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!measuring && due >= measureFrom) {
                measuring = true;
                latencies.measureFrom(System.nanoTime());
                acked.set(0);
                failures.clear();
            }
            inFlight.acquire();
            int c = (int) (i % clients.size());
            String camera = s.cameras().get(c);
            clients.get(c).publishWith().topic("devices/" + camera + "/events").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(batches.next(camera, s.batchSize())).send().whenComplete((result, error) -> {
                        latencies.record(System.nanoTime() - due);
                        String failure = failure(result, error);
                        if (due >= measureFrom) {
                            if (failure == null) {
                                acked.incrementAndGet();
                            } else {
                                failures.increment(failure);
                            }
                        }
                        inFlight.release();
                    });
            latencies.tick(System.nanoTime());
        }
        if (!inFlight.tryAcquire(s.maxInFlight(), DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            int unanswered = s.maxInFlight() - inFlight.availablePermits();
            failures.add("no PUBACK within " + DRAIN_TIMEOUT.toSeconds() + " s", unanswered);
        }
        double seconds = s.duration().toNanos() / 1e9; // batches due in the window, over the window
        Histogram h = latencies.finish();
        return RatePoint.of(s.system(), s.eventsPerSecond(), round(acked.get() * s.batchSize() / seconds),
                millis(h.getValueAtPercentile(50)), millis(h.getValueAtPercentile(99)), millis(h.getValueAtPercentile(99.9)),
                failures.snapshot(), latencies.p99BySecondMillis());
    }

    /** A QoS 1 PUBLISH answered by a PUBACK without an error reason. */
    public static boolean acknowledged(Mqtt5PublishResult result, Throwable error) {
        return failure(result, error) == null;
    }

    /**
     * Why a QoS 1 PUBLISH was not acknowledged (the client's error, or the PUBACK's reason code), or null when it was.
     * Mosquitto answers "no matching subscribers" (0x10): a successful PUBACK all the same.
     */
    public static String failure(Mqtt5PublishResult result, Throwable error) {
        if (error != null) {
            return Tally.reason(error);
        }
        if (result.getError().isPresent()) {
            return Tally.reason(result.getError().get());
        }
        if (!(result instanceof Mqtt5PublishResult.Mqtt5Qos1Result q)) {
            return "no PUBACK (not a QoS 1 result)";
        }
        return q.getPubAck().getReasonCode().isError() ? "PUBACK " + q.getPubAck().getReasonCode() : null;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
