package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Found by fuzzing the codecs (common's EventCodecFuzzTest): reproduced here against the real endpoint. */
@ExtendWith(VertxExtension.class)
class BodyEncodingHttpTest {

    @Test
    @DisplayName("An event posted in UTF-16LE is stored as an event the stream jobs decode, not as a truncated record")
    void utf16LittleEndianBodyIsStoredDecodable(Vertx vertx, @TempDir Path dataDir) throws Exception {
        RocksRecordLog log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 4));
        try {
            var verticle = new IngestVerticle(IngestConfig.defaults().withHost("127.0.0.1").withHttpPort(0),
                    IngestFixtures.TOWN, log, new PrometheusRegistry());
            vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
            byte[] body = detection(CAMERA, "utf16-1").encode().getBytes(StandardCharsets.UTF_16LE);

            HttpResponse<Buffer> response = WebClient.create(vertx).post(verticle.actualPort(), "127.0.0.1", IngestVerticle.EVENTS_PATH)
                    .bearerTokenAuthentication(CAMERA_TOKEN).putHeader("Content-Type", SINGLE)
                    .sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);

            assertThat(response.statusCode()).isEqualTo(202);
            List<LogRecord> records = log.read(log.partitionOf(CAMERA), 0, 10);
            assertThat(records).hasSize(1);
            DeviceEvent stored = EventCodec.decode(records.get(0).payload());
            assertThat(stored.id()).isEqualTo("utf16-1");
            assertThat(stored.ingestTime()).isNotNull();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
            log.close();
        }
    }
}
