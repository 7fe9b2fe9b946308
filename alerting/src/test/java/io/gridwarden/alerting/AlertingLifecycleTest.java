package io.gridwarden.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.common.town.Town;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AlertingLifecycleTest {

    @Test
    @DisplayName("Alerting fails to start when its port is taken, and releases its store so a retry on a free port starts")
    void failsStartWhenPortIsTaken(Vertx vertx, @TempDir Path dir) throws Exception {
        HttpServer squatter = vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        try (RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dir.resolve("actions"), 1))) {
            AlertingConfig config = AlertingFixtures.config(dir.resolve("alerting"), null);
            PrometheusRegistry registry = new PrometheusRegistry();
            var taken = new AlertingVerticle(config.withHttpPort(squatter.actualPort()), Town.demo(), log, registry);
            assertThatThrownBy(() -> vertx.deployVerticle(taken).await(10, TimeUnit.SECONDS)).isNotNull();

            var retried = new AlertingVerticle(config, Town.demo(), log, registry);
            vertx.deployVerticle(retried).await(10, TimeUnit.SECONDS);
            assertThat(retried.actualPort()).isPositive().isNotEqualTo(squatter.actualPort());
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
