package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.town.TownLedger.Applied;
import io.gridwarden.common.town.Town;
import io.gridwarden.ingest.IngestConfig;
import io.gridwarden.ingest.IngestServices;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTownVersionsTest {

    @TempDir
    Path dir;

    private RocksRecordLog eventLog;
    private IngestTownVersions versions;

    @BeforeEach
    void open() {
        eventLog = RocksRecordLog.open(LogSpec.of(dir.resolve("events"), 1));
        IngestServices ingest = IngestServices.create(IngestConfig.defaults(), Town.load(Town.DEMO), eventLog, new PrometheusRegistry());
        versions = new IngestTownVersions(ingest, Town.DEMO);
    }

    @AfterEach
    void close() {
        eventLog.close();
    }

    @Test
    void shouldPutANewerVersionInForce() {
        versions.accept(version(2, Town.text(Town.DEMO)));

        assertThat(versions.inForce()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheTownInForceWhenAVersionDoesNotParseHere() {
        versions.accept(version(1, Town.text(Town.DEMO)));

        versions.accept(version(2, "cameras: [this is not a town file"));
        versions.accept(version(3, "cameras: []\n"));

        assertThat(versions.inForce()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreAVersionOlderThanTheOneInForce() {
        versions.accept(version(3, Town.text(Town.DEMO)));

        versions.accept(version(2, Town.text(Town.DEMO)));

        assertThat(versions.inForce()).isEqualTo(3);
    }

    private static Applied version(long n, String text) {
        return new Applied(n, new JsonObject().put("version", n).put("sha256", "sha256:" + n), text);
    }
}
