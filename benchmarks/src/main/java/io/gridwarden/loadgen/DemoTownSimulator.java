package io.gridwarden.loadgen;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.common.town.ZoneRule;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo town's devices, so a newcomer sees the loop happen: officers on patrol report where they
 * are; on every camera that watches for illegal parking, cars now and then park, and after the voice
 * warning most drive off while some stay and are dispatched; officers accept, arrive and resolve.
 * It is also the seed of the benchmarks' load generator: the same clients and events, at a higher rate.
 */
public final class DemoTownSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTownSimulator.class);
    private static final long FRAME_SECONDS = 5;
    private static final long STATUS_SECONDS = 60;
    /** Share of drivers who leave once the camera warns them, as in the town this system comes from. */
    private static final double LEAVES_AFTER_WARNING = 0.71;

    private final Town town;
    private final DeviceClient client;
    private final DemoEvents events = new DemoEvents(Long.toString(System.currentTimeMillis(), 36));
    private final CommandInbox inbox;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-devices");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random();
    /** Each camera's parked car, if one is there now: track id. */
    private final Map<String, String> parked = new ConcurrentHashMap<>();
    private final Map<String, double[]> officerPositions = new ConcurrentHashMap<>();

    public DemoTownSimulator(Town town, String ingestBaseUrl, int commandPort) throws IOException {
        this.town = town;
        this.client = new DeviceClient(ingestBaseUrl);
        this.inbox = new CommandInbox(commandPort, this::onCommand);
    }

    /** Where alerting should send commands for the simulated devices. */
    public String commandGateway() {
        return inbox.baseUrl();
    }

    public void start() {
        town.officers().forEach(o -> officerPositions.put(o.id(), home(o)));
        timer.scheduleAtFixedRate(this::reportOfficers, 0, STATUS_SECONDS, TimeUnit.SECONDS);
        List<String> parkingCameras = town.cameras().stream().map(TownFile.Camera::id)
                .filter(c -> town.zoneRules(c).stream().map(ZoneRule::category).anyMatch("illegal_parking"::equals)).toList();
        timer.scheduleAtFixedRate(() -> parkingCameras.forEach(this::frame), 2, FRAME_SECONDS, TimeUnit.SECONDS);
        LOG.info("Simulating {} officers and {} parking cameras; commands arrive at {}", officerPositions.size(),
                parkingCameras.size(), commandGateway());
    }

    private void frame(String camera) {
        if (!parked.containsKey(camera) && random.nextDouble() < (camera.equals("cam-0001") ? 0.05 : 0.002)) {
            parked.put(camera, "t-" + Long.toString(System.nanoTime(), 36));
            LOG.info("{}: a car parks in the no-parking zone", camera);
        }
        String track = parked.get(camera);
        List<DetectedObject> seen = track == null ? List.of() : List.of(DemoEvents.car(track));
        send(camera, events.frame(camera, Instant.now(), seen));
    }

    private void onCommand(String device, Command command) {
        if (Command.VOICE_WARNING.equals(command.type())) {
            LOG.info("{} plays: {}", device, command.text());
            send(device, events.ack(device, Instant.now(), command.id(), "played"));
            if (random.nextDouble() < LEAVES_AFTER_WARNING && parked.remove(device) != null) {
                LOG.info("{}: the driver heard the warning and drives off", device);
            }
        } else if (Command.ASSIGNMENT.equals(command.type())) {
            LOG.info("{} is assigned {} at {}", device, command.category(), command.camera());
            timer.schedule(() -> send(device, events.ack(device, Instant.now(), command.id(), "accepted")), 5, TimeUnit.SECONDS);
            timer.schedule(() -> send(device, events.ack(device, Instant.now(), command.id(), "arrived")), 60, TimeUnit.SECONDS);
            timer.schedule(() -> resolve(device, command), 90, TimeUnit.SECONDS);
        }
    }

    private void resolve(String officer, Command command) {
        if (command.camera() != null && parked.remove(command.camera()) != null) {
            LOG.info("{} had the car at {} moved", officer, command.camera());
        }
        send(officer, events.ack(officer, Instant.now(), command.id(), "resolved"));
        double[] p = officerPositions.get(officer);
        send(officer, events.officer(officer, Instant.now(), p[0], p[1], Availability.AVAILABLE));
    }

    private void reportOfficers() {
        officerPositions.forEach((officer, p) -> {
            p[0] += (random.nextDouble() - 0.5) * 0.002;
            p[1] += (random.nextDouble() - 0.5) * 0.002;
            send(officer, events.officer(officer, Instant.now(), p[0], p[1], Availability.AVAILABLE));
        });
    }

    /** An officer starts near the cameras of their team's jurisdiction (water bureau: near the river sensors). */
    private double[] home(TownFile.Officer officer) {
        String jurisdiction = town.unit(officer.unit()).map(TownFile.Unit::jurisdiction).orElse(null);
        var places = jurisdiction == null
                ? town.sensors().stream().map(s -> new double[] {s.lat(), s.lon()}).toList()
                : town.cameras().stream().filter(c -> c.jurisdiction().equals(jurisdiction)).map(c -> new double[] {c.lat(), c.lon()}).toList();
        double[] base = places.get(random.nextInt(places.size()));
        return new double[] {base[0] + (random.nextDouble() - 0.5) * 0.004, base[1] + (random.nextDouble() - 0.5) * 0.004};
    }

    private void send(String device, DeviceEvent event) {
        try {
            DeviceClient.Reply reply = client.send(DeviceClient.demoToken(device), List.of(event));
            if (reply.status() != 202) {
                LOG.warn("{}: ingest answered {} {}", device, reply.status(), reply.body());
            }
        } catch (IOException e) {
            LOG.warn("{}: cannot reach ingest: {}", device, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        inbox.close();
    }
}
