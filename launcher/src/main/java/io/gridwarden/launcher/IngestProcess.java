package io.gridwarden.launcher;

import io.gridwarden.common.log.LogMetrics;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFileException;
import io.gridwarden.ingest.IngestServices;
import io.gridwarden.ingest.IngestVerticle;
import io.gridwarden.ingest.MqttIngestVerticle;
import io.gridwarden.log.kafka.KafkaLogException;
import io.gridwarden.log.kafka.KafkaLogSpec;
import io.gridwarden.log.kafka.KafkaRecordLog;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gridwarden ingest}: ingest's HTTP and MQTT endpoints, wired as {@link EmbeddedGridwarden} wires them,
 * over the events topic on Kafka ({@link KafkaRecordLog}); one of several instances behind a load balancer,
 * each with its own transactional id. The stream job runs on a Flink cluster and alerting elsewhere.
 *
 * <p>The lag guard and the log metrics read the topic's offsets from a {@link CachedOffsetsLog} refreshed every
 * second, never from the broker on a request or a scrape.
 */
final class IngestProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestProcess.class);
    private static final long DEPLOY_TIMEOUT_SECONDS = 60;

    private final Vertx vertx;
    private final CachedOffsetsLog eventLog;
    private final KafkaRecordLog townLog;
    private TownTopic townTopic;

    private IngestProcess(Vertx vertx, CachedOffsetsLog eventLog, KafkaRecordLog townLog) {
        this.vertx = vertx;
        this.eventLog = eventLog;
        this.townLog = townLog;
    }

    /**
     * Checks the town, Kafka and the topic, then listens. Throws {@link StartRefusedException} saying what to change
     * when any of them is not as configured (no broker, no topic, another partition count, a port in use).
     */
    static IngestProcess start(IngestProcessSettings s) throws InterruptedException {
        Town town = loadTown(s.town());
        CommandIds commandIds = commandIds(s.commandSecretFile());
        KafkaLogSpec spec = s.logSpec();
        LOG.info("Starting gridwarden ingest '{}' for {}: events to Kafka topic {} ({} partitions) at {}, transactional id {}",
                s.instanceId(), town, spec.topic(), spec.partitions(), spec.bootstrapServers(), spec.transactionalId());
        CompletableFuture<KafkaRecordLog> townOpening = CompletableFuture.supplyAsync(() -> KafkaRecordLog.open(s.townSpec()));
        KafkaRecordLog events;
        try {
            events = openLog(spec);
        } catch (RuntimeException e) {
            townOpening.thenAccept(KafkaRecordLog::close);
            throw e;
        }
        KafkaRecordLog townLog = openTownLog(townOpening, events, s.townTopic());
        CachedOffsetsLog eventLog = CachedOffsetsLog.refreshedEvery(IngestProcessSettings.OFFSETS_REFRESH_INTERVAL, events,
                "Kafka at " + spec.bootstrapServers() + " (topic " + spec.topic() + ")",
                spec.operationTimeout().plus(IngestProcessSettings.OFFSETS_REFRESH_INTERVAL.multipliedBy(2)));
        var registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        new LogMetrics(registry).track("events", eventLog);
        Vertx vertx = Vertx.vertx();
        IngestProcess process = new IngestProcess(vertx, eventLog, townLog);
        try {
            // one set of services (guard, metrics, connection caps, MQTT sessions), N endpoint instances sharing the ports
            IngestServices ingest = IngestServices.create(s.ingestConfig(), town, eventLog, registry, commandIds);
            // the town versions applied so far are in force before devices can connect; later ones as they come
            process.townTopic = TownTopic.follow(s.townTopic(), townLog, s.instanceId(), spec.startupTimeout(),
                    new IngestTownVersions(ingest, s.town()));
            var instances = new DeploymentOptions().setInstances(s.ingestInstances());
            ServiceRun.awaitDeployed(vertx.deployVerticle(() -> new IngestVerticle(ingest), instances), "ingest's endpoints");
            ServiceRun.awaitDeployed(vertx.deployVerticle(() -> new MqttIngestVerticle(ingest), instances), "ingest's endpoints");
        } catch (InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
        LOG.info("gridwarden ingest '{}' is running: devices → http://{}:{}/v1/events and mqtt://{}:{} ({} instances each)",
                s.instanceId(), s.host(), s.ingestPort(), s.host(), s.mqttPort(), s.ingestInstances());
        LOG.warn("Commands to devices: alerting runs in another process and cannot reach the MQTT sessions of this instance;"
                + " devices connected here get their commands by webhook only for now (their commandUrl, or the town's"
                + " commandGateway), nothing on devices/<id>/commands");
        return process;
    }

    private static Town loadTown(String location) {
        try {
            return Town.load(location);
        } catch (TownFileException e) {
            throw new StartRefusedException(e.getMessage(), e);
        }
    }

    private static CommandIds commandIds(Path secretFile) {
        try {
            return CommandSecretFile.read(secretFile);
        } catch (CommandSecretFile.CommandSecretException e) {
            throw new StartRefusedException(e.getMessage(), e);
        }
    }

    /** The town topic's log, opened alongside the events topic's; its refusal as the log says it (then both are closed). */
    private static KafkaRecordLog openTownLog(CompletableFuture<KafkaRecordLog> opening, KafkaRecordLog events, String townTopic) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            events.close();
            throw e.getCause() instanceof KafkaLogException k ? KafkaInstanceOptions.refusal(k, townTopic)
                    : e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Opens the topic's log; the log's refusal (no broker, no topic, another partition count, CreateTime) as it says it. */
    private static KafkaRecordLog openLog(KafkaLogSpec spec) {
        try {
            return KafkaRecordLog.open(spec);
        } catch (KafkaLogException e) {
            throw new StartRefusedException(e.getMessage(), e);
        }
    }


    /** Stops listening, then closes the log (appends still waiting for the writer complete or fail first). */
    @Override
    public void close() {
        LOG.info("Stopping gridwarden ingest");
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(DEPLOY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Stopping the endpoints was not clean: {}", e.toString());
        }
        if (townTopic != null) {
            townTopic.close();
        }
        townLog.close();
        eventLog.close();
    }
}
