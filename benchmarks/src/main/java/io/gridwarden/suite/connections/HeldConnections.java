package io.gridwarden.suite.connections;

import io.gridwarden.suite.connections.FramePublisher.Publishing;
import io.gridwarden.suite.connections.ProcessMemory.Reading;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One MQTT server holding many devices' connections, measured: its memory (and this process's, the
 * clients') idle, then the fleet connects ({@link DeviceFleet}) and publishes a frame a device every few
 * seconds ({@link FramePublisher}) while its PUBACK latency is recorded; then both memories again, while
 * every connection is still held. Memory per connection is the growth over the idle reading divided by
 * the connections held, for the heap after a full GC (a JVM's) and for the resident set.
 */
public final class HeldConnections {

    /** A server under test: {@code jvm} when its heap can be read with {@code jcmd}. */
    public record Server(String system, long pid, boolean jvm, String host, int port) {}

    /**
     * What to hold: {@code sourceAddresses} 0 picks as many as the devices need; {@code parked}: the devices whose every
     * frame shows a car parked in their parking zone (so that gridwarden's whole pipeline warns them by voice).
     */
    public record Settings(List<String> devices, int connectsPerSecond, int sourceAddresses, Duration publishEvery, Duration warmup,
                           Duration duration, Duration sessionExpiry, Set<String> parked) {

        public Settings {
            parked = Set.copyOf(parked);
        }

        Settings withDevices(List<String> others) {
            return new Settings(others, connectsPerSecond, sourceAddresses, publishEvery, warmup, duration, sessionExpiry, Set.of());
        }
    }

    /** One server's figures; readings before ("idle") and with the connections held. */
    public record Result(String system, int connectionsAsked, long serverOpenFilesLimit, long clientOpenFilesLimit, DeviceFleet.Ramp ramp,
                         int heldAtEnd, Publishing publishing, long commandsReceived, Reading serverIdle, Reading serverHolding,
                         Reading clientIdle, Reading clientHolding, PerConnection perConnection) {}

    /** Growth over the idle reading per connection held, in bytes; -1 when a reading is missing. */
    public record PerConnection(long serverHeap, long serverResident, long clientHeap, long clientResident) {

        static PerConnection of(int held, Reading serverIdle, Reading serverHolding, Reading clientIdle, Reading clientHolding) {
            return new PerConnection(per(held, serverIdle.heapUsedBytes(), serverHolding.heapUsedBytes()),
                    per(held, serverIdle.residentBytes(), serverHolding.residentBytes()),
                    per(held, clientIdle.heapUsedBytes(), clientHolding.heapUsedBytes()),
                    per(held, clientIdle.residentBytes(), clientHolding.residentBytes()));
        }

        static long per(int held, long idle, long holding) {
            return idle < 0 || holding < 0 || held == 0 ? -1 : (holding - idle) / held;
        }
    }

    private final Settings settings;

    public HeldConnections(Settings settings) {
        this.settings = settings;
    }

    Settings settings() {
        return settings;
    }

    public Result measure(Server server) throws InterruptedException {
        long self = ProcessHandle.current().pid();
        boolean inThisJvm = server.pid() == self; // tests: one reading serves for both
        Reading serverIdle = ProcessMemory.read(server.pid(), server.jvm());
        Reading clientIdle = inThisJvm ? serverIdle : ProcessMemory.read(self, true);
        try (DeviceFleet fleet = new DeviceFleet(fleetSettings(server))) {
            DeviceFleet.Ramp ramp = fleet.connect();
            Publishing publishing = publish(fleet, ramp);
            Reading serverHolding = ProcessMemory.read(server.pid(), server.jvm());
            Reading clientHolding = inThisJvm ? serverHolding : ProcessMemory.read(self, true);
            int heldAtEnd = fleet.stillConnected();
            return new Result(server.system(), settings.devices().size(), ProcessMemory.openFilesLimit(server.pid()),
                    ProcessMemory.openFilesLimit(self), ramp, heldAtEnd, publishing, fleet.commandsReceived(), serverIdle, serverHolding,
                    clientIdle, clientHolding, PerConnection.of(heldAtEnd, serverIdle, serverHolding, clientIdle, clientHolding));
        }
    }

    /** The same load without any reading: to warm this JVM up. */
    void connectAndPublish(Server server) throws InterruptedException {
        try (DeviceFleet fleet = new DeviceFleet(fleetSettings(server))) {
            publish(fleet, fleet.connect());
        }
    }

    private DeviceFleet.Settings fleetSettings(Server server) {
        var sources = DeviceFleet.SourceAddresses.loopback(settings.sourceAddresses(), settings.devices().size());
        return new DeviceFleet.Settings(server.host(), server.port(), settings.devices(), settings.connectsPerSecond(), sources,
                settings.sessionExpiry());
    }

    private Publishing publish(DeviceFleet fleet, DeviceFleet.Ramp ramp) throws InterruptedException {
        return ramp.held() == 0 ? null : new FramePublisher(fleet.connected(), settings.publishEvery(), settings.parked()).run(settings.warmup(), settings.duration());
    }
}
