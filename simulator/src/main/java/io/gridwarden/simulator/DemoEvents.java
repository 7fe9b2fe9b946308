package io.gridwarden.simulator;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.CommandAck;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.Heartbeat;
import io.gridwarden.common.event.OfficerStatus;
import io.gridwarden.common.event.Reading;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the events simulated devices send, each with an id unique per device run. */
public final class DemoEvents {

    /** A parked car's box: its bottom-centre is in the lower half of the image (cam-0001's z-parking). */
    public static final Box PARKED = new Box(0.40, 0.55, 0.15, 0.20);

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final String runId;

    public DemoEvents(String runId) {
        this.runId = runId;
    }

    private String nextId(String device) {
        return device + "-" + runId + "-" + SEQUENCE.incrementAndGet();
    }

    /** A camera frame showing these objects (none: the camera sees nothing in its zones). */
    public DeviceEvent frame(String camera, Instant time, List<DetectedObject> objects) {
        return new DeviceEvent(nextId(camera), camera, EventType.DETECTION, time, null,
                new Detection(objects, "http://" + camera + ".local/snap/" + time.toEpochMilli() + ".jpg"));
    }

    public static DetectedObject car(String track) {
        return new DetectedObject(track, "car", 0.93, PARKED);
    }

    public DeviceEvent officer(String officer, Instant time, double lat, double lon, OfficerStatus.Availability status) {
        return new DeviceEvent(nextId(officer), officer, EventType.OFFICER_STATUS, time, null, new OfficerStatus(lat, lon, status));
    }

    public DeviceEvent reading(String sensor, Instant time, String metric, double value) {
        return new DeviceEvent(nextId(sensor), sensor, EventType.READING, time, null, new Reading(metric, value));
    }

    public DeviceEvent ack(String device, Instant time, String command, String result) {
        return ack(device, time, command, result, null);
    }

    public DeviceEvent ack(String device, Instant time, String command, String result, String note) {
        return new DeviceEvent(nextId(device), device, EventType.COMMAND_ACK, time, null, new CommandAck(command, result, note));
    }

    /** A device saying it is alive. */
    public DeviceEvent heartbeat(String device, Instant time) {
        return new DeviceEvent(nextId(device), device, EventType.HEARTBEAT, time, null, new Heartbeat(Map.of()));
    }
}
