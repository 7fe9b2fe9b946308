package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --ingest-only}: the device edge alone stores what devices send and starts nothing else. */
@DisplayName("run --ingest-only")
class IngestOnlyTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("Acknowledged events are in the event log; no jobs, no alerting, no actions")
    void shouldStoreEventsWithoutStartingTheJobsOrAlerting() throws Exception {
        Path output = Files.createDirectories(Path.of("target", "e2e")).resolve("ingest-only-" + System.nanoTime() + ".log");
        var events = new DemoEvents("ingest-only");
        var sent = List.of(events.frame("cam-0002", Instant.now(), List.of(DemoEvents.car("t-1"))),
                events.frame("cam-0002", Instant.now(), List.of(DemoEvents.car("t-1"))));
        try (var gridwarden = new GridwardenProcess(dataDir, "http://127.0.0.1:9", output).start(List.of("--ingest-only"))) {
            DeviceClient.Reply reply = new DeviceClient(gridwarden.ingestUrl()).send(DeviceClient.demoToken("cam-0002"), sent);
            assertThat(reply.status()).isEqualTo(202);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gridwarden.opsUrl() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
        }

        List<String> stored = new ArrayList<>();
        try (RocksRecordLog log = RocksRecordLog.open(EmbeddedGridwarden.eventLogSpec(dataDir, EmbeddedSettings.DEFAULT_PARTITIONS))) {
            for (int p = 0; p < log.partitions(); p++) {
                for (LogRecord record : log.read(p, 0, Integer.MAX_VALUE)) {
                    stored.add(EventCodec.decode(record.payload()).id());
                }
            }
        }
        assertThat(stored).containsExactlyInAnyOrder(sent.get(0).id(), sent.get(1).id());
        assertThat(dataDir.resolve("checkpoints")).doesNotExist();
        assertThat(dataDir.resolve("alerting")).doesNotExist();
    }
}
