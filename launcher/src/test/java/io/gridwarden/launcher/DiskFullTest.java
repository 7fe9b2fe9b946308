package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process with its data directory on a small filesystem of its own that fills up: ingest
 * refuses events with 503 while the disk is full, loses nothing it acknowledged, and takes events again
 * by itself once space is freed.
 */
@DisplayName("a full disk")
class DiskFullTest {

    /** Room for RocksDB's write-ahead logs (preallocated), and for the 64 MB each log waits for before it writes again. */
    private static final int DISK_MB = 256;
    /** What the filler leaves free: room to start, and soon full. */
    private static final long LEFT_FREE = 24L << 20;
    private static final int BATCH = 100;
    /** Objects in each frame, each with a random track id: large events that compress little fill the disk soon. */
    private static final int OBJECTS = 30;
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final DemoEvents events = new DemoEvents("disk-full");
    private final Set<String> acknowledged = new HashSet<>();
    private int sent;

    @TempDir
    Path dir;

    @Test
    @DisplayName("Ingest refuses with 503 storage-full and Retry-After, readiness is DOWN, every acknowledged event is kept, and it takes events again by itself once space is freed")
    void shouldRefuseWhileTheDiskIsFullAndRecoverByItself() throws Exception {
        Path data;
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), DISK_MB)) {
            data = dir.resolve("disk").resolve("data");
            Path filler = dir.resolve("disk").resolve("filler");
            Tmpfs.fill(filler, disk.freeBytes() - LEFT_FREE);
            try (var gridwarden = new GridwardenProcess(data, "http://127.0.0.1:9", ExposedPortsTest.output("disk-full"))
                    .start(List.of("--device-rate", "1000000", "--device-burst", "1000000"))) {

                HttpResponse<String> refused = sendUntil(gridwarden, 503);
                assertThat(refused.headers().firstValue("content-type")).contains("application/problem+json");
                assertThat(refused.body()).contains("urn:gridwarden:problem:storage-full").contains("disk");
                assertThat(refused.headers().firstValue("retry-after")).isPresent();
                HttpResponse<String> ready = get(gridwarden.ingestUrl() + "/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("eventLog").contains("full");
                assertThat(gridwarden.output()).contains("DISK FULL");

                Files.delete(filler);
                Instant freed = Instant.now();
                sendUntil(gridwarden, 202);
                System.out.printf("disk full: %d events acknowledged, %d sent; ingest took events again %d ms after space was freed%n",
                        acknowledged.size(), sent, Duration.between(freed, Instant.now()).toMillis());
                assertThat(gridwarden.output()).contains("writes again");
                awaitReady(gridwarden.ingestUrl());
                awaitReady(gridwarden.opsUrl());
            }
            Map<String, Integer> stored = storedEventCounts(data);
            assertThat(acknowledged).allSatisfy(id -> assertThat(stored).as("acknowledged event %s", id).containsEntry(id, 1));
        }
    }

    /** Sends batches until one is answered {@code status}; every 202 on the way is remembered. */
    private HttpResponse<String> sendUntil(GridwardenProcess gridwarden, int status) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            String camera = "cam-%04d".formatted(1 + sent / BATCH % 100);
            List<DeviceEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                List<DetectedObject> objects = new ArrayList<>(OBJECTS);
                for (int o = 0; o < OBJECTS; o++) {
                    objects.add(DemoEvents.car(UUID.randomUUID().toString()));
                }
                batch.add(events.frame(camera, Instant.now(), objects));
            }
            sent += BATCH;
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(gridwarden.ingestUrl() + "/v1/events"))
                    .header("Authorization", "Bearer " + DeviceClient.demoToken(camera)).header("Content-Type", DeviceClient.BATCH_CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(DeviceClient.batchOf(batch))).build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == 202) {
                batch.forEach(e -> acknowledged.add(e.id()));
            }
            if (reply.statusCode() == status) {
                return reply;
            }
            assertThat(reply.statusCode()).as(reply.body()).isIn(202, 503);
            if (reply.statusCode() == 503) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no " + status + " within " + PATIENCE + " (" + acknowledged.size() + " events acknowledged)");
    }

    /** Ready again: the log writes and the job, restarted by itself if the full disk failed it, runs. */
    private void awaitReady(String service) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        HttpResponse<String> ready = get(service + "/health/ready");
        while (ready.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            ready = get(service + "/health/ready");
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Integer> storedEventCounts(Path data) {
        Map<String, Integer> counts = new HashMap<>();
        try (RocksRecordLog log = RocksRecordLog.open(EmbeddedGridwarden.eventLogSpec(data, EmbeddedSettings.DEFAULT_PARTITIONS))) {
            for (int p = 0; p < log.partitions(); p++) {
                for (LogRecord record : log.read(p, 0, Integer.MAX_VALUE)) {
                    counts.merge(EventCodec.decode(record.payload()).id(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
