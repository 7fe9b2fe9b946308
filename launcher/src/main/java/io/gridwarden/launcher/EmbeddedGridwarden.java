package io.gridwarden.launcher;

import io.gridwarden.alerting.AlertingConfig;
import io.gridwarden.alerting.AlertingVerticle;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.common.log.LogMetrics;
import io.gridwarden.evidence.files.EvidenceLimits;
import io.gridwarden.evidence.files.EvidenceMetrics;
import io.gridwarden.evidence.files.FileEvidenceStore;
import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.town.Town;
import io.gridwarden.ingest.IngestConfig;
import io.gridwarden.ingest.IngestLimits;
import io.gridwarden.ingest.IngestServices;
import io.gridwarden.ingest.IngestVerticle;
import io.gridwarden.ingest.MqttIngestVerticle;
import io.gridwarden.jobs.EmbeddedJobRunner;
import io.gridwarden.jobs.JobSettings;
import io.gridwarden.jobs.metrics.FlinkMetricsBridge;
import io.gridwarden.simulator.DemoTownSimulator;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: ingest, the Flink jobs on a MiniCluster and alerting in one process, sharing
 * the event and action logs under one data directory (and, for the demo, the simulated devices).
 */
final class EmbeddedGridwarden implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGridwarden.class);
    private static final int ACTION_LOG_PARTITIONS = 1;

    private final LogSpec eventLogSpec;
    private final LogSpec actionLogSpec;
    private final Vertx vertx;
    private final JobClient job;
    private final EnforcementJobWatch jobWatch;
    private final DemoTownSimulator simulator;
    private final FileEvidenceStore evidence;

    private EmbeddedGridwarden(LogSpec eventLogSpec, LogSpec actionLogSpec, Vertx vertx, JobClient job, EnforcementJobWatch jobWatch,
            DemoTownSimulator simulator, FileEvidenceStore evidence) {
        this.eventLogSpec = eventLogSpec;
        this.actionLogSpec = actionLogSpec;
        this.vertx = vertx;
        this.job = job;
        this.jobWatch = jobWatch;
        this.simulator = simulator;
        this.evidence = evidence;
    }

    static LogSpec eventLogSpec(Path dataDir, int partitions) {
        return LogSpec.of(dataDir.resolve("event-log"), partitions);
    }

    static LogSpec eventLogSpec(EmbeddedSettings s) {
        LogSpec defaults = eventLogSpec(s.dataDir(), s.partitions());
        return new LogSpec(defaults.directory(), s.partitions(), s.maxPendingAppends()).withRetention(s.retention())
                .withDedupWindow(s.dedupWindow()).withCommitDelay(s.logCommitDelay());
    }

    /** The action log: alerting acknowledges what it has applied, so it is swept like the event log ({@code --retention}). */
    static LogSpec actionLogSpec(EmbeddedSettings s) {
        return actionLogSpec(s.dataDir()).withRetention(s.retention());
    }

    static LogSpec actionLogSpec(Path dataDir) {
        return LogSpec.of(dataDir.resolve("action-log"), ACTION_LOG_PARTITIONS);
    }

    /** The command secret given, or the data directory's, generated at first start. */
    static CommandIds commandIds(EmbeddedSettings s) {
        return s.commandSecretFile() != null ? CommandSecretFile.read(s.commandSecretFile()) : CommandSecretFile.readOrCreate(s.commandSecret());
    }

    static EmbeddedGridwarden start(EmbeddedSettings s) throws Exception {
        Town town = Town.loadShared(s.town()); // the job's operators share this copy (same text, same location)
        CommandIds commandIds = commandIds(s);
        LOG.info("Starting gridwarden for {} (data in {})", town, s.dataDir().toAbsolutePath());
        ListenAddress listen = ListenAddress.choose(s.host(), DemoTokens.acceptedBy(town));
        listen.warning().forEach(LOG::warn);
        var registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        LogSpec events = eventLogSpec(s);
        LogSpec actions = actionLogSpec(s);
        RecordLog eventLog = LogRegistry.acquire(events);
        RecordLog actionLog = LogRegistry.acquire(actions);
        var logMetrics = new LogMetrics(registry);
        logMetrics.track("events", eventLog);
        logMetrics.track("actions", actionLog);

        if (!s.ingestOnly()) {
            FlinkMetricsBridge.exportTo(registry);
        }
        JobClient job = s.ingestOnly() ? null : EmbeddedJobRunner.start(new JobSettings(s.town(), events, actions,
                s.dataDir().resolve("checkpoints"), s.checkpointInterval(), s.parallelism(), s.maxDeviceDelay(), commandIds),
                s.flinkWebPort() == null ? OptionalInt.empty() : OptionalInt.of(s.flinkWebPort()));
        EnforcementJobWatch jobWatch = job == null ? null : EnforcementJobWatch.watch(job, EmbeddedJobRunner.JOB_NAME, Clock.systemUTC());

        Vertx vertx = Vertx.vertx();
        IngestConfig plain = IngestConfig.defaults().withHost(listen.host()).withHttpPort(s.ingestPort());
        IngestConfig ingestConfig = (s.tls() == null ? plain : plain.withTls(s.tls(), s.mqttTlsPort())).withMqttPort(s.mqttPort())
                .withLimits(IngestLimits.defaults().withMaxLagEvents(s.maxLagEvents()).withDeviceRate(s.deviceEventsPerSecond(), s.deviceBurst()))
                .withBrowserOrigins(s.ingestOnly() ? List.of() : List.of(s.officerPageOrigin()));
        // one set of services per process (guard, metrics, connection caps, MQTT sessions), N endpoint instances sharing the ports
        IngestServices ingest = IngestServices.create(ingestConfig, town, eventLog, registry, commandIds);
        // pictures that come with alerts, under the data directory; alerting serves them from the same store
        FileEvidenceStore evidence = FileEvidenceStore.open(s.dataDir().resolve("evidence"), EvidenceLimits.defaults(), Clock.systemUTC())
                .sweepPeriodically();
        EvidenceMetrics.track(registry, evidence);
        ingest.withEvidence(evidence);
        if (jobWatch != null) {
            ingest.dependOn(jobWatch);
        }
        var instances = new DeploymentOptions().setInstances(s.ingestInstances());
        await(vertx.deployVerticle(() -> new IngestVerticle(ingest), instances));
        await(vertx.deployVerticle(() -> new MqttIngestVerticle(ingest), instances));
        String ingestUrl = (s.tls() == null ? "http" : "https") + "://127.0.0.1:" + s.ingestPort();
        String mqttUrls = java.util.stream.Stream.of(s.mqttPort() < 0 ? null : "mqtt://127.0.0.1:" + s.mqttPort(),
                s.tls() == null ? null : "mqtts://127.0.0.1:" + s.mqttTlsPort()).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.joining(" and "));
        if (s.ingestOnly()) {
            LOG.info("gridwarden ingest alone is running: devices → {}/v1/events and {} ({} instances each);"
                    + " no jobs, no alerting", ingestUrl, mqttUrls, s.ingestInstances());
            return new EmbeddedGridwarden(events, actions, vertx, null, null, null, evidence);
        }

        DemoTownSimulator simulator = s.simulator() ? new DemoTownSimulator(town, ingestUrl, s.simulatorPort()) : null;
        String gateway = s.commandGateway() != null ? s.commandGateway() : simulator != null ? simulator.commandGateway() : null;
        AlertingConfig plainOps = AlertingConfig.defaults(s.dataDir().resolve("alerting")).withHost(listen.host()).withHttpPort(s.opsPort())
                .withHandsetEvents(s.handsetEventsUrl());
        AlertingConfig alertingConfig = s.tls() == null ? plainOps : plainOps.withTls(s.tls()); // operations over HTTPS too
        var alerting = new AlertingVerticle(gateway == null ? alertingConfig : alertingConfig.withCommandGateway(gateway), town, actionLog,
                eventLog, ingest.deviceSessions(), registry).dependOn(jobWatch).withEvidence(evidence).withTownVersions(s.town())
                .onTownChange(ingest::useTown)
                .withWhatIf(new EmbeddedWhatIf(new WhatIf(events, actions, s.maxDeviceDelay(), commandIds, s.parallelism())));
        await(vertx.deployVerticle(alerting));
        if (simulator != null) {
            simulator.start();
        }
        LOG.info("gridwarden is running: devices → {}/v1/events and {} ({} ingest instances each), operations →"
                + " {}://127.0.0.1:{}/ (dashboard; alert stream /v1/alerts/stream), Flink job {}", ingestUrl, mqttUrls,
                s.ingestInstances(), s.tls() == null ? "http" : "https", alerting.actualPort(), job.getJobID());
        LOG.info("Officers' page: {}/officer/ (sign in with a handset token; it posts to {})", s.officerPageOrigin(), s.handsetEventsUrl());
        if (s.flinkWebPort() != null) {
            LOG.info("Flink's REST API and web UI (unauthenticated): http://127.0.0.1:{}/", s.flinkWebPort());
        }
        return new EmbeddedGridwarden(events, actions, vertx, job, jobWatch, simulator, evidence);
    }

    /**
     * Waits for the job's tasks to stop: a cancel is only a request, and the logs close next. Without the
     * wait, the JVM used to exit within a tenth of a second of SIGTERM with the tasks still reading.
     */
    private static void awaitEnd(JobClient job) throws InterruptedException {
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // cancelled: the end asked for
        } catch (TimeoutException e) {
            LOG.warn("The enforcement job did not stop within 30 s; closing the logs under it (it resumes from its last checkpoint)");
            return;
        }
        LOG.info("The enforcement job has stopped");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        LOG.info("Stopping gridwarden");
        if (jobWatch != null) {
            jobWatch.stopping();
        }
        if (simulator != null) {
            simulator.close();
        }
        try {
            await(vertx.close());
            if (job != null && !jobWatch.ended()) {
                job.cancel().get(30, TimeUnit.SECONDS);
                awaitEnd(job);
            }
        } catch (Exception e) {
            LOG.warn("Stopping was not clean: {}", e.toString());
        }
        LogRegistry.release(eventLogSpec);
        LogRegistry.release(actionLogSpec);
        evidence.close();
    }
}
