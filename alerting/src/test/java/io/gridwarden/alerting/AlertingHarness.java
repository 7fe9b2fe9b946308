package io.gridwarden.alerting;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.vertx.core.json.JsonObject;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.common.town.Town;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running alerting verticle on a real action log in a temp dir, with helpers to drive and observe it. */
public final class AlertingHarness implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Town TOWN = Town.demo();

    private final Vertx vertx;
    private final Path dir;
    private final RocksRecordLog log;
    private final RocksRecordLog events;
    private final WebClient client;
    private AlertingVerticle verticle;
    private String deploymentId;
    private PrometheusRegistry registry;

    public AlertingHarness(Vertx vertx, Path dir) {
        this(vertx, dir, LogSpec.of(dir.resolve("actions"), 1));
    }

    /** A harness over an action log of {@code actions}' making (its retention, say). */
    public AlertingHarness(Vertx vertx, Path dir, LogSpec actions) {
        this.vertx = vertx;
        this.dir = dir;
        this.log = RocksRecordLog.open(actions);
        this.events = RocksRecordLog.open(LogSpec.of(dir.resolve("events"), 4));
        this.client = WebClient.create(vertx);
    }

    /** Deploys a new verticle (with a fresh metrics registry) on this harness's data dir and log. */
    public AlertingVerticle deploy(String gateway) throws Exception {
        return deploy(gateway, AlertingConfig.DEFAULT_KEEP_ALIVE);
    }

    public AlertingVerticle deploy(String gateway, Duration keepAlive) throws Exception {
        return deploy(AlertingFixtures.config(dir.resolve("alerting"), gateway).withKeepAliveInterval(keepAlive), DeviceSessions.NONE);
    }

    /** Deploys with the launcher's constructor: this harness's event log for manual actions, and {@code sessions}. */
    public AlertingVerticle deploy(AlertingConfig config, DeviceSessions sessions) throws Exception {
        return deploy(config, events, sessions);
    }

    /** Deploys with {@code eventLog} for manual actions instead of this harness's own. */
    public AlertingVerticle deploy(AlertingConfig config, RecordLog eventLog, DeviceSessions sessions) throws Exception {
        registry = new PrometheusRegistry();
        verticle = new AlertingVerticle(config, TOWN, log, eventLog, sessions, registry);
        deploymentId = vertx.deployVerticle(verticle).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return verticle;
    }

    /** Deploys on this harness's event log for a town of the test's own (an ISAPI camera's address, say). */
    public AlertingVerticle deploy(AlertingConfig config, Town town) throws Exception {
        registry = new PrometheusRegistry();
        verticle = new AlertingVerticle(config, town, log, events, DeviceSessions.NONE, registry);
        deploymentId = vertx.deployVerticle(verticle).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return verticle;
    }

    /** Deploys as one of several instances: delivering only what {@code ownership} owns. */
    public AlertingVerticle deploy(AlertingConfig config, io.gridwarden.alerting.delivery.DeliveryOwnership ownership) throws Exception {
        registry = new PrometheusRegistry();
        verticle = new AlertingVerticle(config, TOWN, log, events, DeviceSessions.NONE, registry).deliveringOnly(ownership);
        deploymentId = vertx.deployVerticle(verticle).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return verticle;
    }

    /** Deploys with the default settings, serving the pictures of {@code evidence}. */
    public AlertingVerticle deployWithEvidence(io.gridwarden.common.evidence.EvidenceStore evidence) throws Exception {
        registry = new PrometheusRegistry();
        verticle = new AlertingVerticle(AlertingFixtures.config(dir.resolve("alerting"), null), TOWN, log, events, DeviceSessions.NONE,
                registry).withEvidence(evidence);
        deploymentId = vertx.deployVerticle(verticle).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return verticle;
    }

    /** Deploys on this harness's event log, without device sessions, reading time from {@code clock}. */
    public AlertingVerticle deploy(AlertingConfig config, java.time.Clock clock) throws Exception {
        registry = new PrometheusRegistry();
        verticle = new AlertingVerticle(config, TOWN, log, events, DeviceSessions.NONE, registry, clock);
        deploymentId = vertx.deployVerticle(verticle).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return verticle;
    }

    /** Deploys with the default settings, taking town versions from admins (version 0: the demo town). */
    public AlertingVerticle deployWithTownVersions() throws Exception {
        return deployWithTownVersions(null);
    }

    /** As above, devices reached through {@code gateway} (null: only by their own command URLs). */
    public AlertingVerticle deployWithTownVersions(String gateway) throws Exception {
        registry = new PrometheusRegistry();
        verticle = new AlertingVerticle(AlertingFixtures.config(dir.resolve("alerting"), gateway), TOWN, log, events, DeviceSessions.NONE,
                registry).withTownVersions(Town.DEMO);
        deploymentId = vertx.deployVerticle(verticle).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return verticle;
    }

    public void undeploy() throws Exception {
        vertx.undeploy(deploymentId).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Appends one action durably and returns its action-log offset. */
    public long append(Action action) {
        long offset = log.endOffset(0);
        log.append(List.of(new LogEntry("actions", action.id(), ActionCodec.encode(action)))).join();
        return offset;
    }

    /** Appends many actions in one durable write. */
    public void appendAll(List<Action> actions) {
        log.append(actions.stream().map(a -> new LogEntry("actions", a.id(), ActionCodec.encode(a))).toList()).join();
    }

    /** The action log alerting follows. */
    public RocksRecordLog actionLog() {
        return log;
    }

    /** The alerting data dir this harness deploys on. */
    public Path dataDir() {
        return dir.resolve("alerting");
    }

    /** Every event in the event log, all partitions, decoded. */
    public List<DeviceEvent> events() {
        List<DeviceEvent> out = new java.util.ArrayList<>();
        for (int p = 0; p < events.partitions(); p++) {
            events.read(p, 0, 10_000).forEach(r -> out.add(EventCodec.decode(r.payload())));
        }
        return out;
    }

    /** The event-log partition that holds a key's records. */
    public int eventPartitionOf(String key) {
        return events.partitionOf(key);
    }

    public List<LogRecord> eventRecords(int partition) {
        return events.read(partition, 0, 10_000);
    }

    public HttpResponse<Buffer> post(String path, String token, JsonObject body) throws Exception {
        var request = client.post(verticle.actualPort(), "127.0.0.1", path);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.sendJsonObject(body).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Posts a raw body (not necessarily JSON) as application/json. */
    public HttpResponse<Buffer> postRaw(String path, String token, String body) throws Exception {
        var request = client.post(verticle.actualPort(), "127.0.0.1", path).putHeader("content-type", "application/json");
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.sendBuffer(Buffer.buffer(body)).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public HttpResponse<Buffer> get(String pathAndQuery, String token) throws Exception {
        var request = client.get(verticle.actualPort(), "127.0.0.1", pathAndQuery);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.send().await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int port() {
        return verticle.actualPort();
    }

    /** The value of one sample in the current verticle's registry, 0 when absent. */
    public double metric(String nameAndLabels) {
        String text = new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^" + Pattern.quote(nameAndLabels) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Waits until the condition holds; fails the test with {@code what} if it does not within the timeout. */
    public static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        log.close();
        events.close();
    }
}
