package io.gridwarden.launcher;

import io.gridwarden.alerting.AlertingConfig;
import io.gridwarden.alerting.AlertingVerticle;
import io.gridwarden.alerting.ScaleOutDelivery;
import io.gridwarden.alerting.town.TownVersionStore;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.log.LogMetrics;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFileException;
import io.gridwarden.log.kafka.KafkaLogException;
import io.gridwarden.log.kafka.KafkaLogSpec;
import io.gridwarden.log.kafka.KafkaRecordLog;
import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gridwarden alerting}: alerting as {@link EmbeddedGridwarden} runs it, over this instance's own copy of the
 * actions topic ({@link ActionMirror}), appending dispatchers' actions to the events topic; one of several instances.
 */
final class AlertingProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingProcess.class);
    private static final long DEPLOY_TIMEOUT_SECONDS = 60;

    /** What to close, in this order. */
    private final List<AutoCloseable> parts = new ArrayList<>();
    private LogSpec localLog;

    private AlertingProcess() {}

    /**
     * Checks the town, Kafka and the topics, then listens. Throws {@link StartRefusedException} saying what to change
     * when any of them is not as configured (no broker, a missing topic, another partition count, the port in use).
     */
    static AlertingProcess start(AlertingProcessSettings s) throws InterruptedException {
        Town town = loadTown(s.town());
        AlertingProcess process = new AlertingProcess();
        try {
            process.startParts(s, town);
            return process;
        } catch (InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    private void startParts(AlertingProcessSettings s, Town town) throws InterruptedException {
        LOG.info("Starting gridwarden alerting '{}' for {}: actions from Kafka topic {} at {}, data in {}", s.instanceId(), town,
                s.actionsTopic(), s.kafkaBootstrap(), s.dataDir().toAbsolutePath());
        List<KafkaRecordLog> topics = open(List.of(s.actionsSpec(), s.eventsSpec(), s.deliveriesSpec(), s.townSpec()), s.townTopic());
        KafkaRecordLog actionsTopic = topics.get(0);
        KafkaRecordLog eventsTopic = topics.get(1);
        KafkaRecordLog deliveriesTopic = topics.get(2);
        createDirectories(s);
        AtomicReference<AlertingVerticle> deployed = new AtomicReference<>();
        TownTopic townTopic = followTownTopic(s, topics.get(3), deployed);
        RecordLog local = acquireLocalLog(s.localActionLog());
        ActionMirror mirror = ActionMirror.start(actionsTopic, s.actionsTopic(), local, s.dataDir());
        parts.add(0, mirror);
        var registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        new LogMetrics(registry).track("actions", local);
        Vertx vertx = Vertx.vertx();
        parts.add(0, () -> vertx.close().toCompletionStage().toCompletableFuture().get(DEPLOY_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        AlertingConfig config = s.alertingConfig();
        var ownership = new PartitionOwnership(deliveriesTopic, s.instanceId(), Clock.systemUTC(), s.deliveriesSpec().appendTimeout());
        AlertingVerticle alerting = new AlertingVerticle(config, town, local, eventsTopic, DeviceSessions.NONE, registry)
                .dependOn(mirror).deliveringOnly(ownership).withTownVersions(s.town()).withTownLedger(townTopic);
        ServiceRun.awaitDeployed(vertx.deployVerticle(alerting), "alerting");
        deployed.set(alerting); // a version read while alerting started is in force now
        townTopic.latest().ifPresent(version -> alerting.adoptTownVersion(version.meta(), version.text()));
        ScaleOutDelivery delivery = alerting.scaleOut();
        TopicFollower handOvers = TopicFollower.start("deliveries topic " + s.deliveriesTopic(), deliveriesTopic,
                new long[deliveriesTopic.partitions()], (partition, page) -> page.forEach(r -> apply(delivery, r)));
        parts.add(0, handOvers);
        Duration settle = config.deliveryTimeout().plus(s.deliveriesSpec().appendTimeout().multipliedBy(2));
        parts.add(0, DeliveryGroup.join(s, ownership, handOvers, delivery, settle));
        LOG.info("gridwarden alerting '{}' is running: operations → {}://{}:{}/ (views of all of {}); delivering the commands of the"
                + " partitions of {} that group {} gives it, by webhook only", s.instanceId(), s.tls() == null ? "http" : "https", s.host(),
                alerting.actualPort(), s.actionsTopic(), s.deliveriesTopic(), s.groupId());
    }

    /**
     * Reads the town topic to its end before alerting starts, each version that counts into alerting's store of town
     * versions (alerting starts with the latest in force and lists them all), then hands each new one to alerting.
     */
    private TownTopic followTownTopic(AlertingProcessSettings s, KafkaRecordLog log, AtomicReference<AlertingVerticle> deployed)
            throws InterruptedException {
        TownVersionStore store = TownVersionStore.open(AlertingVerticle.townVersionsDir(s.alertingConfig()));
        TownTopic town = TownTopic.follow(s.townTopic(), log, s.instanceId(), s.townSpec().startupTimeout(), version -> {
            AlertingVerticle alerting = deployed.get();
            if (alerting == null) {
                store.addIfMissing(version.meta(), version.text());
            } else {
                alerting.adoptTownVersion(version.meta(), version.text());
            }
        });
        parts.add(0, town);
        return town;
    }

    /** Another instance's hand-over (or this one's, known already): into this instance's view and delivered commands. */
    private static void apply(ScaleOutDelivery delivery, LogRecord record) {
        DeliveryRecord d;
        try {
            d = DeliveryRecord.of(record.payload());
        } catch (RuntimeException e) {
            LOG.warn("Skipping an undecodable record of the deliveries topic (partition {}, offset {}): {}", record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        delivery.handedOverElsewhere(d.target(), d.command(), d.channel(), d.instance(), d.at());
    }

    /** This instance's copy of the actions topic; released after the rest is closed. */
    private RecordLog acquireLocalLog(LogSpec spec) {
        try {
            RecordLog local = LogRegistry.acquire(spec);
            localLog = spec;
            return local;
        } catch (RuntimeException e) {
            throw new StartRefusedException("cannot open this instance's action log in " + spec.directory() + " (" + e.getMessage()
                    + "): is another gridwarden alerting using this --data-dir? Each instance needs a directory of its own", e);
        }
    }

    private static Town loadTown(String location) {
        try {
            return Town.load(location);
        } catch (TownFileException e) {
            throw new StartRefusedException(e.getMessage(), e);
        }
    }

    /**
     * Opens the topics' logs at once (each checks its topic and starts a transactional producer: seconds each), closed
     * last. The first refusal in the order given (no broker, no topic, another partition count, CreateTime) as the log says it.
     */
    private List<KafkaRecordLog> open(List<KafkaLogSpec> specs, String townTopic) {
        List<CompletableFuture<KafkaRecordLog>> opening = specs.stream()
                .map(spec -> CompletableFuture.supplyAsync(() -> KafkaRecordLog.open(spec))).toList();
        List<KafkaRecordLog> logs = new ArrayList<>();
        RuntimeException refused = null;
        for (CompletableFuture<KafkaRecordLog> log : opening) {
            try {
                logs.add(log.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                refused = refused != null ? refused
                        : cause instanceof KafkaLogException k ? KafkaInstanceOptions.refusal(k, townTopic) : cause;
            }
        }
        parts.addAll(logs);
        if (refused != null) {
            throw refused;
        }
        return logs;
    }

    private static void createDirectories(AlertingProcessSettings s) {
        try {
            Files.createDirectories(s.dataDir());
        } catch (IOException e) {
            throw new StartRefusedException("cannot create --data-dir " + s.dataDir() + " (" + e.getMessage() + "): give a directory"
                    + " this user may write", e);
        }
    }


    /** Stops the API and the delivery, then the copying, then closes the logs. */
    @Override
    public void close() {
        LOG.info("Stopping gridwarden alerting");
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Stopping was not clean: {}", e.toString());
            }
        }
        parts.clear();
        if (localLog != null) {
            LogRegistry.release(localLog);
            localLog = null;
        }
    }
}
