package io.gridwarden.simulator;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.common.town.ZoneRule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo town's devices, so a newcomer sees the loop happen: officers on patrol report where they
 * are; in every camera's zones, now and then an offender of the zone's category turns up (a parked
 * car, a vendor's cart, rubbish…); after the voice warning most drivers leave and vendors often
 * stay; what stays is dispatched; officers accept, arrive and resolve. A river-level sensor now and
 * then reads above its threshold for a few minutes. Cameras and sensors send heartbeats at the town's
 * intervals, so none is taken for offline. It is also the seed of the benchmarks' load
 * generator: the same clients and events, at a higher rate.
 */
public final class DemoTownSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTownSimulator.class);
    private static final long FRAME_SECONDS = 5;
    private static final long STATUS_SECONDS = 60;
    /** Chance per frame that a new offender turns up in a quiet camera: cam-0001 (60 s dwell) is the busy one to watch. */
    private static final double ARRIVAL = 0.002;
    private static final double ARRIVAL_AT_CAM_0001 = 0.05;
    private static final double SENSOR_RISE = 0.004;
    private static final double NORMAL_LEVEL_M = 2.1;
    private static final double FLOOD_LEVEL_M = 3.9;
    private static final int HIGH_WATER_READINGS = 40;

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
    /** What each camera sees standing in its zones now. */
    private final Map<String, List<Offender>> present = new ConcurrentHashMap<>();
    /** Readings left above the threshold, per sensor that is flooding. */
    private final Map<String, Integer> flooding = new ConcurrentHashMap<>();
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
        List<String> cameras = town.cameras().stream().map(TownFile.Camera::id).filter(c -> !town.zoneRules(c).isEmpty()).toList();
        timer.scheduleAtFixedRate(() -> cameras.forEach(this::frame), 2, FRAME_SECONDS, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> town.sensors().forEach(s -> reading(s.id())), 3, FRAME_SECONDS, TimeUnit.SECONDS);
        heartbeats(town).forEach((every, devices) -> timer.scheduleAtFixedRate(() -> devices.forEach(this::heartbeat), 0,
                every.toMillis(), TimeUnit.MILLISECONDS));
        LOG.info("Simulating {} officers, {} cameras and {} river sensors; commands arrive at {}", officerPositions.size(),
                cameras.size(), town.sensors().size(), commandGateway());
    }

    /** The cameras and sensors the town judges for liveness, by their heartbeat interval: each beats at its own. */
    static Map<Duration, List<String>> heartbeats(Town town) {
        Map<Duration, List<String>> byInterval = new TreeMap<>();
        Stream.concat(town.cameras().stream().map(TownFile.Camera::id), town.sensors().stream().map(TownFile.Sensor::id))
                .forEach(d -> town.heartbeatEvery(d).ifPresent(every -> byInterval.computeIfAbsent(every, e -> new ArrayList<>()).add(d)));
        return byInterval;
    }

    private void heartbeat(String device) {
        send(device, events.heartbeat(device, Instant.now()));
    }

    private void frame(String camera) {
        List<Offender> seen = present.computeIfAbsent(camera, c -> new CopyOnWriteArrayList<>());
        if (seen.isEmpty() && random.nextDouble() < (camera.equals("cam-0001") ? ARRIVAL_AT_CAM_0001 : ARRIVAL)) {
            List<ZoneRule> zones = town.zoneRules(camera);
            ZoneRule zone = zones.get(random.nextInt(zones.size()));
            Offender offender = Offender.in(zone, random);
            seen.add(offender);
            LOG.info("{}: {} in {} ({})", camera, offender.label(), zone.zone(), zone.category());
        }
        send(camera, events.frame(camera, Instant.now(), seen.stream().map(Offender::seen).toList()));
    }

    private void reading(String sensor) {
        if (!flooding.containsKey(sensor) && random.nextDouble() < SENSOR_RISE) {
            flooding.put(sensor, HIGH_WATER_READINGS);
            LOG.info("{}: the river is rising", sensor);
        }
        Integer left = flooding.computeIfPresent(sensor, (s, n) -> n > 1 ? n - 1 : null);
        double level = (left != null ? FLOOD_LEVEL_M : NORMAL_LEVEL_M) + random.nextDouble() * 0.1;
        send(sensor, events.reading(sensor, Instant.now(), "water_level_m", level));
    }

    private void onCommand(String device, Command command) {
        if (Command.VOICE_WARNING.equals(command.type())) {
            LOG.info("{} plays: {}", device, command.text());
            send(device, events.ack(device, Instant.now(), command.id(), "played"));
            List<Offender> seen = present.getOrDefault(device, List.of());
            seen.stream().filter(Offender::leavesAfterWarning).findFirst().ifPresent(o -> {
                seen.remove(o);
                LOG.info("{}: the {} heard the warning and goes", device, o.label());
            });
        } else if (Command.ASSIGNMENT.equals(command.type())) {
            LOG.info("{} is assigned {} at {}", device, command.category(), command.camera() != null ? command.camera() : command.sensor());
            timer.schedule(() -> send(device, events.ack(device, Instant.now(), command.id(), "accepted")), 5, TimeUnit.SECONDS);
            timer.schedule(() -> send(device, events.ack(device, Instant.now(), command.id(), "arrived")), 60, TimeUnit.SECONDS);
            timer.schedule(() -> resolve(device, command), 90, TimeUnit.SECONDS);
        }
    }

    private void resolve(String officer, Command command) {
        if (command.camera() != null) {
            List<Offender> seen = present.getOrDefault(command.camera(), List.of());
            if (!seen.isEmpty()) {
                LOG.info("{} has the {} at {} moved", officer, seen.get(0).label(), command.camera());
                seen.clear();
            }
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

    /**
     * An officer starts near the cameras of their team's jurisdiction; a department's officers near the
     * river sensors when it answers for a sensor category (the water bureau), else near the centre of the
     * town's first jurisdiction, the town itself (the maintenance unit).
     */
    private double[] home(TownFile.Officer officer) {
        String jurisdiction = town.unit(officer.unit()).map(TownFile.Unit::jurisdiction).orElse(null);
        boolean sensorsTeam = town.categories().stream().anyMatch(c -> c.metric() != null && officer.unit().equals(c.responsibleUnit()));
        String centre = town.jurisdictions().get(0).id();
        var places = jurisdiction == null && sensorsTeam
                ? town.sensors().stream().map(s -> new double[] {s.lat(), s.lon()}).toList()
                : town.cameras().stream().filter(c -> c.jurisdiction().equals(jurisdiction == null ? centre : jurisdiction))
                        .map(c -> new double[] {c.lat(), c.lon()}).toList();
        double[] base = jurisdiction == null && !sensorsTeam ? centroid(places) : places.get(random.nextInt(places.size()));
        return new double[] {base[0] + (random.nextDouble() - 0.5) * 0.004, base[1] + (random.nextDouble() - 0.5) * 0.004};
    }

    private static double[] centroid(List<double[]> places) {
        return new double[] {places.stream().mapToDouble(p -> p[0]).average().orElseThrow(),
                places.stream().mapToDouble(p -> p[1]).average().orElseThrow()};
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
