package io.gridwarden.ingest;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.common.evidence.EvidenceStore;
import io.gridwarden.common.health.ReadinessDependency;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.metrics.ScrapeAccess;
import io.gridwarden.common.town.Town;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;

/**
 * What every ingest endpoint instance of one process shares: the event log, the devices' credentials,
 * one guard (a device's rate spans transports and event loops), the metrics (Prometheus collectors are
 * registered once), the HTTP connection cap, the MQTT sessions (one per client id, whichever event loop
 * holds its connection), readiness, and the command secret acknowledgements are checked against. Build it once, then deploy as many {@link IngestVerticle} and
 * {@link MqttIngestVerticle} instances over it as there are event loops to use. Thread-safe.
 */
public final class IngestServices {

    private final IngestConfig config;
    private final RecordLog eventLog;
    private final PrometheusRegistry registry;
    private final DeviceAuthenticator authenticator;
    private final ScrapeAccess scrapers;
    private final IngestGuard guard;
    private final LoginGuard logins;
    private final MeteredAdmission admission;
    private final FrigateAdmission frigate;
    private final HttpConnectionCap httpConnections;
    private final MqttConnectionCap mqttConnections;
    private final IngestMetrics httpMetrics;
    private final MqttMetrics mqttMetrics;
    private final MqttDeviceSessions sessions;
    private final IngestReadiness readiness;
    private final CommandAcks commandAcks;
    private final Clock clock;
    private volatile IsapiCameras isapiCameras;
    private final java.time.ZoneId townZone;
    private volatile EvidenceStore evidence = EvidenceStore.disabled();

    IngestServices(IngestConfig config, Town town, RecordLog eventLog, PrometheusRegistry registry, IngestGuard guard,
                   IngestReadiness readiness, CommandIds commandIds, Clock clock) {
        this.config = config;
        this.eventLog = eventLog;
        this.registry = registry;
        this.authenticator = new DeviceAuthenticator(town);
        this.scrapers = new ScrapeAccess(town);
        this.guard = guard;
        this.logins = new LoginGuard(config.limits().loginThrottle(), registry, clock);

        this.httpConnections = new HttpConnectionCap(config.limits().maxHttpConnections());
        this.mqttConnections = MqttConnectionCap.forThisProcess(config.maxMqttConnections());
        if (mqttConnections.lowered()) {
            org.slf4j.LoggerFactory.getLogger(IngestServices.class).warn(mqttConnections.warning());
        }
        this.httpMetrics = new IngestMetrics(registry, httpConnections);
        this.mqttMetrics = new MqttMetrics(registry);
        this.sessions = new MqttDeviceSessions(config, registry, clock);
        this.readiness = readiness;
        this.commandAcks = new CommandAcks(commandIds);
        this.admission = new MeteredAdmission(new EventAdmission(config.maxBatchEvents(), town.maxObjectsPerFrame(), commandAcks,
                eventLog.takesCompactEvents() ? StoredForm.COMPACT : StoredForm.JSON), guard);
        FrigateMetrics frigateMetrics = new FrigateMetrics(registry);
        this.frigate = new FrigateAdmission(town, guard, frigateMetrics, new FrigateSnapshots(() -> evidence, frigateMetrics));
        this.clock = clock;
        this.isapiCameras = new IsapiCameras(town);
        this.townZone = town.timezone();
    }


    /**
     * A new version of the town file is in force: its devices are rate-limited and may sign in (over HTTP and
     * MQTT), removed ones may not; its ISAPI cameras' alarm secrets, MACs and serials and its Frigate NVRs'
     * camera maps are used from the next request or message. The bound on objects per frame stays as started
     * until a restart. A version whose ISAPI cameras share an alarm secret changes nothing (it throws).
     */
    public void useTown(Town town) {
        IsapiCameras cameras = new IsapiCameras(town); // first: a version it refuses changes nothing
        guard.admit(town); // limits first: a device that can sign in is never unlimited
        authenticator.use(town);
        scrapers.use(town);
        isapiCameras = cameras;
        frigate.use(town);
    }

    /**
     * Services for a process running both endpoints (HTTP and MQTT): it is ready once both listen.
     * {@code commandIds} holds the command secret the jobs make command ids under: a device's
     * acknowledgement is accepted only for an id made for it.
     */
    public static IngestServices create(IngestConfig config, Town town, RecordLog eventLog, PrometheusRegistry registry,
            CommandIds commandIds) {
        return new IngestServices(config, town, eventLog, registry, IngestGuard.create(config, town, eventLog),
                IngestReadiness.httpAndMqtt(config, eventLog), commandIds, Clock.systemUTC());
    }

    /** As above with a fresh random command secret: acknowledgements of commands made elsewhere are all refused (tests). */
    public static IngestServices create(IngestConfig config, Town town, RecordLog eventLog, PrometheusRegistry registry) {
        return create(config, town, eventLog, registry, CommandIds.random());
    }

    /** Ingest is not ready while {@code dependency} is down; its readiness body shows it as one more part. */
    public IngestServices dependOn(ReadinessDependency dependency) {
        readiness.dependOn(dependency);
        return this;
    }

    /**
     * Keeps pictures that come with alerts in {@code store} (set before deployment); without it every picture is
     * refused. The store is the caller's to close.
     */
    public IngestServices withEvidence(EvidenceStore store) {
        this.evidence = java.util.Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * Where pictures that come with alerts are kept: {@code put} them from a worker thread (it writes to disk),
     * then set the ref as the frame's {@code data.evidence} ({@link EvidenceStore} says how).
     */
    public EvidenceStore evidence() {
        return evidence;
    }

    /** The devices' MQTT sessions; hand it to alerting. Usable before deployment (then nobody is connected). */
    public DeviceSessions deviceSessions() {
        return sessions;
    }

    IngestConfig config() {
        return config;
    }

    RecordLog eventLog() {
        return eventLog;
    }

    PrometheusRegistry registry() {
        return registry;
    }

    DeviceAuthenticator authenticator() {
        return authenticator;
    }

    IngestGuard guard() {
        return guard;
    }

    /** Who may read {@code /metrics}: the town's operators of role metrics or admin. */
    ScrapeAccess scrapers() {
        return scrapers;
    }

    LoginGuard logins() {
        return logins;
    }

    MeteredAdmission admission() {
        return admission;
    }

    FrigateAdmission frigate() {
        return frigate;
    }

    HttpConnectionCap httpConnections() {
        return httpConnections;
    }

    MqttConnectionCap mqttConnections() {
        return mqttConnections;
    }

    IngestMetrics httpMetrics() {
        return httpMetrics;
    }

    MqttMetrics mqttMetrics() {
        return mqttMetrics;
    }

    MqttDeviceSessions sessions() {
        return sessions;
    }

    CommandAcks commandAcks() {
        return commandAcks;
    }

    IngestReadiness readiness() {
        return readiness;
    }

    Clock clock() {
        return clock;
    }

    IsapiCameras isapiCameras() {
        return isapiCameras;
    }

    java.time.ZoneId townZone() {
        return townZone;
    }
}
