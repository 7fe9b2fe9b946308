package io.gridwarden.jobs;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.OfficerStatus;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.event.Reading;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.common.log.RecordLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Writes device events into a real event log and reads the actions back, as ingest and alerting would. */
public final class LogFixtures {

    private LogFixtures() {}

    public static DeviceEvent detection(String camera, long time, DetectedObject... objects) {
        return new DeviceEvent(camera + "-" + time, camera, EventType.DETECTION, Instant.ofEpochMilli(time), null,
                new Detection(List.of(objects), "http://" + camera + ".local/snap/" + time + ".jpg"));
    }

    public static DeviceEvent officerStatus(String officer, long time, double lat, double lon) {
        return new DeviceEvent(officer + "-" + time, officer, EventType.OFFICER_STATUS, Instant.ofEpochMilli(time), null,
                new OfficerStatus(lat, lon, Availability.AVAILABLE));
    }

    public static DeviceEvent reading(String sensor, long time, double value) {
        return new DeviceEvent(sensor + "-" + time, sensor, EventType.READING, Instant.ofEpochMilli(time), null,
                new Reading("water_level_m", value));
    }

    /**
     * Appends events as ingest does (each under its device's partition key, its device time beside it) and waits until they
     * are durable. Every other event is stored compact, as ingest now stores them, the rest as JSON, as a log written
     * before holds them: every job test then reads a log holding both forms.
     */
    public static void append(LogSpec eventLog, List<DeviceEvent> events) {
        RecordLog log = LogRegistry.acquire(eventLog);
        try {
            List<LogEntry> entries = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                DeviceEvent e = events.get(i);
                StoredForm form = i % 2 == 0 ? StoredForm.COMPACT : StoredForm.JSON;
                entries.add(new LogEntry(e.source(), e.dedupKey(), form.encode(e.withIngestTime(Instant.now())), e.time().toEpochMilli()));
            }
            log.append(entries).join();
        } finally {
            LogRegistry.release(eventLog);
        }
    }

    /** Appends raw bytes that are not an event, as a corrupted record would be. */
    public static void appendGarbage(LogSpec eventLog, String partitionKey) {
        RecordLog log = LogRegistry.acquire(eventLog);
        try {
            log.append(List.of(new LogEntry(partitionKey, null, "not json".getBytes()))).join();
        } finally {
            LogRegistry.release(eventLog);
        }
    }

    public static List<Action> readActions(LogSpec actionLog) {
        RecordLog log = LogRegistry.acquire(actionLog);
        try {
            List<Action> actions = new ArrayList<>();
            log.read(0, 0, 100_000).forEach(r -> actions.add(ActionCodec.decode(r.payload())));
            return actions;
        } finally {
            LogRegistry.release(actionLog);
        }
    }

    /** Polls the action log until {@code done} holds or the timeout passes; returns what it last read. */
    public static List<Action> awaitActions(LogSpec actionLog, Predicate<List<Action>> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Action> actions = readActions(actionLog);
        while (!done.test(actions) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            actions = readActions(actionLog);
        }
        return actions;
    }
}
