package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many devices send at once, over HTTP and MQTT; the process is killed with {@code kill -9}
 * mid-stream. Every event that got its 202 or PUBACK must be in the log exactly once, and every
 * batch must be stored whole or not at all.
 */
@DisplayName("ingest under kill -9")
class IngestCrashTest {

    private static final int HTTP_DEVICES = 8;
    private static final int BATCH = 50;

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("Every acknowledged event survives kill -9 exactly once, and no batch is half-written")
    void shouldKeepEveryAcknowledgedEventAndNoHalfBatchAfterKillMinus9() throws Exception {
        Path output = Files.createDirectories(Path.of("target", "e2e")).resolve("crash-" + System.nanoTime() + ".log");
        List<List<String>> sentBatches = new CopyOnWriteArrayList<>();
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> devices = new ArrayList<>();
        try (var gridwarden = new GridwardenProcess(dataDir, "http://127.0.0.1:9", output).start()) {
            for (int d = 1; d <= HTTP_DEVICES; d++) {
                String camera = "cam-%04d".formatted(d);
                devices.add(start(() -> sendOverHttp(new DeviceClient(gridwarden.ingestUrl()), camera, sending, sentBatches, acknowledged)));
            }
            devices.add(start(() -> sendOverMqtt(gridwarden.mqttPort, "cam-0100", sending, sentBatches, acknowledged)));
            while (acknowledged.size() < 20 * BATCH) {
                Thread.sleep(20);
            }
            gridwarden.kill();
            sending.set(false);
            for (Thread device : devices) {
                device.join(30_000);
            }
        }

        Map<String, Integer> stored = storedEventCounts();
        assertThat(acknowledged.keySet()).allSatisfy(id -> assertThat(stored).as("acknowledged event %s", id).containsEntry(id, 1));
        for (List<String> batch : sentBatches) {
            long present = batch.stream().filter(stored::containsKey).count();
            assertThat(present).as("events of one batch in the log").isIn(0L, (long) batch.size());
        }
        assertThat(stored.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
    }

    private static Thread start(ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception stopped) {
                // the process was killed under it: that is the point
            }
        });
        thread.start();
        return thread;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void sendOverHttp(DeviceClient client, String camera, AtomicBoolean sending, List<List<String>> sent,
            Map<String, Boolean> acknowledged) throws Exception {
        var events = new DemoEvents("crash-http");
        while (sending.get()) {
            List<DeviceEvent> batch = batch(events, camera);
            sent.add(batch.stream().map(DeviceEvent::id).toList());
            if (client.send(DeviceClient.demoToken(camera), batch).status() == 202) {
                batch.forEach(e -> acknowledged.put(e.id(), true));
            }
        }
    }

    private static void sendOverMqtt(int port, String camera, AtomicBoolean sending, List<List<String>> sent,
            Map<String, Boolean> acknowledged) {
        var events = new DemoEvents("crash-mqtt");
        try (var device = new MqttCamera(camera, port, command -> { })) {
            while (sending.get()) {
                List<DeviceEvent> batch = batch(events, camera);
                sent.add(batch.stream().map(DeviceEvent::id).toList());
                if (device.publish(batch).equals("SUCCESS")) {
                    batch.forEach(e -> acknowledged.put(e.id(), true));
                }
            }
        } catch (RuntimeException connectionLost) {
            // the process was killed under it
        }
    }

    private static List<DeviceEvent> batch(DemoEvents events, String camera) {
        List<DeviceEvent> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(events.frame(camera, Instant.now(), List.of(DemoEvents.car("t-" + i))));
        }
        return batch;
    }

    private Map<String, Integer> storedEventCounts() {
        Map<String, Integer> counts = new HashMap<>();
        try (RocksRecordLog log = RocksRecordLog.open(EmbeddedGridwarden.eventLogSpec(dataDir, EmbeddedSettings.DEFAULT_PARTITIONS))) {
            for (int p = 0; p < log.partitions(); p++) {
                for (LogRecord record : log.read(p, 0, Integer.MAX_VALUE)) {
                    counts.merge(EventCodec.decode(record.payload()).id(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
