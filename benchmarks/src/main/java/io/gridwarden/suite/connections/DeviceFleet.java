package io.gridwarden.suite.connections;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.loadgen.Tally;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Many devices, each its own MQTT 5 connection with a persistent session, held from this one JVM: HiveMQ's
 * async client, every client on the library's one shared Netty event loop group (its default), so a
 * connection costs a channel and the client's session state, not a thread. Each device connects as
 * gridwarden expects (client id and username = device id, password {@code demo-<id>}; a broker allowing
 * anonymous clients takes the same), with Clean Start off and a Session Expiry Interval, then subscribes
 * to {@code devices/<id>/commands} at QoS 1, counting the commands it receives.
 *
 * <p>Connections open at a fixed rate (a ramp, not a stampede) from several loopback source addresses
 * in turn ({@link SourceAddresses}), since one source address has about 28,000 ephemeral ports for one
 * server port.
 */
public final class DeviceFleet implements AutoCloseable {

    /** Where to connect and how: {@code expiry} is the session's life after its connection. */
    public record Settings(String host, int port, List<String> devices, int connectsPerSecond, SourceAddresses sources, Duration expiry) {}

    /** How the ramp went: connections held, and the failed ones by reason. */
    public record Ramp(int attempted, int held, double seconds, Map<String, Long> failures) {}

    /** A device holding its connection. */
    record Connected(String device, Mqtt5AsyncClient client) {}

    /** CONNECTs awaiting their CONNACK (and SUBACK) at once, at most. */
    private static final int MAX_PENDING = 500;
    /** The ramp gives up after this many failures in a row: the server (or this process) holds no more. */
    private static final int GIVE_UP_AFTER = 1_000;
    private static final long CONNECT_TIMEOUT_SECONDS = 30;

    private final Settings settings;
    private final ConcurrentLinkedQueue<Connected> connected = new ConcurrentLinkedQueue<>();
    private final Tally failures = new Tally();
    private final LongAdder commands = new LongAdder();

    public DeviceFleet(Settings settings) {
        this.settings = settings;
    }

    /** Opens every device's connection at the configured rate and waits for the last answer. */
    public Ramp connect() throws InterruptedException {
        Semaphore pending = new Semaphore(MAX_PENDING);
        AtomicInteger inARow = new AtomicInteger();
        long interval = 1_000_000_000L / Math.max(1, settings.connectsPerSecond());
        long start = System.nanoTime();
        int attempted = 0;
        for (String device : settings.devices()) {
            if (inARow.get() >= GIVE_UP_AFTER) {
                break;
            }
            long wait = start + attempted * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending.acquire();
            open(device, settings.sources().forConnection(attempted++)).whenComplete((client, error) -> {
                if (error == null) {
                    connected.add(new Connected(device, client));
                    inARow.set(0);
                } else {
                    failures.increment(Tally.reason(error));
                    inARow.incrementAndGet();
                }
                pending.release();
            });
        }
        if (!pending.tryAcquire(MAX_PENDING, CONNECT_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS)) {
            failures.add("no answer after the ramp", MAX_PENDING - pending.availablePermits());
        }
        return new Ramp(attempted, connected.size(), (System.nanoTime() - start) / 1e9, failures.snapshot());
    }

    private CompletableFuture<Mqtt5AsyncClient> open(String device, InetAddress source) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(device).transportConfig()
                .serverHost(settings.host()).serverPort(settings.port()).localAddress(source).applyTransportConfig().buildAsync();
        return client.connectWith().cleanStart(false).sessionExpiryInterval(settings.expiry().toSeconds())
                .simpleAuth().username(device).password(DeviceClient.demoToken(device).getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send()
                .thenCompose(connAck -> client.subscribeWith().topicFilter("devices/" + device + "/commands").qos(MqttQos.AT_LEAST_ONCE)
                        .callback(command -> commands.increment()).send())
                .thenApply(subAck -> client)
                .orTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        client.disconnect().exceptionally(e -> null);
                    }
                });
    }

    /** The devices holding their connections now, in the order they connected. */
    List<Connected> connected() {
        return new ArrayList<>(connected);
    }

    /** Devices whose connection is still up now (a server may close some after accepting them). */
    public int stillConnected() {
        return (int) connected.stream().filter(c -> c.client().getState().isConnected()).count();
    }

    /** Commands received on the devices' command topics since the start. */
    public long commandsReceived() {
        return commands.sum();
    }

    /** Disconnects every device (its persistent session stays with the server until it expires). */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Connected c : connected) {
            closing.add(c.client().disconnect().exceptionally(e -> null));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception slow) {
            // the process (or the server) ends anyway
        }
        connected.clear();
    }

    /** Loopback addresses 127.0.0.1 … 127.0.0.k: every one reaches a server listening on 127.0.0.1 (Linux routes all of 127/8 locally). */
    public record SourceAddresses(List<InetAddress> addresses) {

        /** Ephemeral ports one source address has for one server port (Linux's default range, 32768–60999). */
        public static final int PORTS_PER_ADDRESS = 25_000;

        /** {@code count} loopback addresses; 0: as many as {@code connections} need at {@link #PORTS_PER_ADDRESS} each. */
        public static SourceAddresses loopback(int count, int connections) {
            int k = count > 0 ? count : Math.max(1, (connections + PORTS_PER_ADDRESS - 1) / PORTS_PER_ADDRESS);
            if (k > 254) {
                throw new IllegalArgumentException("at most 254 loopback source addresses, got " + k);
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (int i = 1; i <= k; i++) {
                try {
                    addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            return new SourceAddresses(List.copyOf(addresses));
        }

        /** The source address of the {@code n}th connection: each in turn. */
        public InetAddress forConnection(int n) {
            return addresses.get(n % addresses.size());
        }
    }
}
