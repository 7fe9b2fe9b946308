package io.gridwarden.alerting;

import io.gridwarden.alerting.api.AccessMetrics;
import io.gridwarden.alerting.api.AlertStream;
import io.gridwarden.alerting.api.ConnectionGuard;
import io.gridwarden.alerting.api.EvidenceRoutes;
import io.gridwarden.alerting.api.FailureReplies;
import io.gridwarden.alerting.api.AuditRoutes;
import io.gridwarden.alerting.audit.AuditLog;
import io.gridwarden.alerting.api.ManualActions;
import io.gridwarden.alerting.api.OfficerPhotoRoutes;
import io.gridwarden.alerting.api.OfficerRoutes;
import io.gridwarden.alerting.api.OperatorAuth;
import io.gridwarden.alerting.api.OpsProblem;
import io.gridwarden.alerting.api.Problems;
import io.gridwarden.alerting.api.ReportRoutes;
import io.gridwarden.alerting.api.WhatIfRoutes;
import io.gridwarden.alerting.whatif.WhatIfRunner;
import io.gridwarden.alerting.api.SecurityHeaders;
import io.gridwarden.alerting.api.StatsRoutes;
import io.gridwarden.alerting.api.StreamPositions;
import io.gridwarden.alerting.api.TownMapRoutes;
import io.gridwarden.alerting.api.TownRoutes;
import io.gridwarden.alerting.api.ViolationRoutes;
import io.gridwarden.alerting.delivery.CameraAcks;
import io.gridwarden.alerting.delivery.CommandDelivery;
import io.gridwarden.alerting.delivery.EventLogCameraAcks;
import io.gridwarden.alerting.delivery.ExpiredWarnings;
import io.gridwarden.alerting.delivery.DeliveredCommands;
import io.gridwarden.alerting.delivery.DeliveryOwnership;
import io.gridwarden.alerting.delivery.MqttSessionChannel;
import io.gridwarden.alerting.delivery.WebhookChannel;
import io.gridwarden.alerting.isapi.IsapiCameraAccess;
import io.gridwarden.alerting.isapi.IsapiSpeakerChannel;
import io.gridwarden.alerting.metrics.AlertingMetrics;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.tail.ActionTailer;
import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.evidence.EvidenceStore;
import io.gridwarden.common.health.ReadinessDependency;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.common.metrics.ScrapeAccess;
import io.gridwarden.common.town.Town;
import io.gridwarden.alerting.town.TownVersionLedger;
import io.gridwarden.alerting.town.TownVersionStore;
import io.gridwarden.alerting.api.TownVersionRoutes;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Route;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Alerting: follows the action log, delivers commands to devices (MQTT session first, then an ISAPI
 * camera's own speaker, then webhook),
 * keeps the violation store and serves the operations API and dashboard on {@code httpPort}. Manual
 * assign/close go to the event log. The action log has a single partition, {@link #ACTION_PARTITION}.
 */
public final class AlertingVerticle extends VerticleBase {

    public static final int ACTION_PARTITION = 0;
    static final long MAX_BODY_BYTES = 16 * 1024;
    /** The officer's page (static files under resources/officer) and the end of ingest's events URL. */
    static final String OFFICER_PAGE = "/officer";
    private static final String OFFICER_EVENTS_PATH = "/v1/events";
    private static final String OFFICER_PHOTOS = "/v1/officer/assignments/:id/photos";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertingVerticle.class);

    private final AlertingConfig config;
    private volatile Town town;
    private java.util.function.Consumer<Town> townListener = next -> { };
    private String townStart;
    private TownVersionStore townVersions;
    private TownVersionLedger townLedger = TownVersionLedger.LOCAL;
    /** The number of the town version in force (0: the file the process started with). */
    private volatile long townVersion;
    private ConnectionGuard guard;
    private final RecordLog actionLog;
    private final RecordLog eventLog;
    private final DeviceSessions sessions;
    private final PrometheusRegistry registry;
    private final Clock clock;
    private AlertingMetrics metrics;
    private AccessMetrics access;
    private StreamPositions positions;
    private DeliveredCommands delivered;
    private ViolationStore store;
    private AuditLog audit;
    private WebClient webClient;
    private CommandDelivery delivery;
    private ActionTailer tailer;
    private AlertStream alertStream;
    private HttpServer server;
    private volatile Router router;
    /** The town in force's ISAPI speakers: resolved again (off the event loop) for each town version. */
    private volatile IsapiCameraAccess isapiCameras;
    private CameraAcks cameraAcks;
    private long sweepTimer = -1;
    private final List<ReadinessDependency> dependencies = new CopyOnWriteArrayList<>();
    private DeliveryOwnership ownership = DeliveryOwnership.ALL;
    private volatile EvidenceStore evidence = EvidenceStore.disabled();
    private volatile WhatIfRunner whatIf;

    /** Without an event log (assign/close answer 503) and without device sessions (webhook only). */
    public AlertingVerticle(AlertingConfig config, Town town, RecordLog actionLog, PrometheusRegistry registry) {
        this(config, town, actionLog, null, DeviceSessions.NONE, registry);
    }

    /**
     * @param eventLog  where manual assign/close events are appended; null: those routes answer 503
     * @param sessions  devices' live MQTT sessions, tried before the webhook ({@link DeviceSessions#NONE}: none)
     */
    public AlertingVerticle(AlertingConfig config, Town town, RecordLog actionLog, RecordLog eventLog, DeviceSessions sessions,
                            PrometheusRegistry registry) {
        this(config, town, actionLog, eventLog, sessions, registry, Clock.systemUTC());
    }

    AlertingVerticle(AlertingConfig config, Town town, RecordLog actionLog, RecordLog eventLog, DeviceSessions sessions,
                     PrometheusRegistry registry, Clock clock) {
        this.config = config;
        this.town = town;
        this.actionLog = actionLog;
        this.eventLog = eventLog;
        this.sessions = sessions == null ? DeviceSessions.NONE : sessions;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        metrics = new AlertingMetrics(registry);
        access = new AccessMetrics(registry);
        return vertx.executeBlocking(() -> {
            delivered = DeliveredCommands.open(config.dataDir().resolve("delivered-commands"));
            store = ViolationStore.open(config.dataDir().resolve("violations"));
            positions = StreamPositions.open(config.dataDir().resolve("stream-ids.key"));
            audit = AuditLog.open(config.dataDir().resolve("audit"), AuditLog.DEFAULT_RETENTION, AuditLog.DEFAULT_MAX_ENTRIES);
            townVersions = TownVersionStore.open(townVersionsDir(config));
            Town started = town;
            town = latestTown();
            if (town != started) {
                townListener.accept(town);
            }
            isapiCameras = IsapiCameraAccess.resolve(town, System::getenv);
            return null;
        }).compose(v -> {
            wire();
            guard = new ConnectionGuard(vertx, config.limits().maxConnections(), config.limits().requestReadTimeout(), access);
            router = router(guard);
            return vertx.createHttpServer(OpsServerOptions.of(config)).connectionHandler(guard).requestHandler(request -> router.handle(request))
                    .listen(config.httpPort(), config.host());
        }).onSuccess(s -> {
            server = s;
            tailer.start();
            sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), t -> sweep());
        }).onFailure(e -> releaseResources());
    }

    @Override
    public Future<?> stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        if (tailer != null) {
            tailer.stop();
        }
        if (delivery != null) {
            delivery.close();
        }
        if (alertStream != null) {
            alertStream.closeAll();
        }
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(() -> vertx.executeBlocking(() -> {
            releaseResources();
            return null;
        }));
    }

    /** Alerting is not ready while {@code dependency} is down; its readiness body names it under {@code parts}. */
    public AlertingVerticle dependOn(ReadinessDependency dependency) {
        dependencies.add(dependency);
        return this;
    }

    /**
     * Where acknowledgements made on a device's behalf go (an ISAPI camera's answer, an expired voice warning);
     * default: appended to the event log given at construction. Set before deployment.
     */
    public AlertingVerticle withCameraAcks(CameraAcks acks) {
        this.cameraAcks = acks;
        return this;
    }

    /**
     * Scale-out: this instance delivers only the commands {@code owned} says it owns, and records each hand-over
     * through it ({@link ScaleOutDelivery} takes over the rest). Call before deploying.
     */
    public AlertingVerticle deliveringOnly(DeliveryOwnership owned) {
        this.ownership = owned;
        return this;
    }

    /** Scale-out hooks into this (deployed) alerting's stores and delivery; see {@link ScaleOutDelivery}. */
    public ScaleOutDelivery scaleOut() {
        return new ScaleOutDelivery(context, store, delivered, delivery, clock);
    }

    /**
     * Serves the pictures violations name from {@code store} (set before deployment; without it every picture is 404).
     * In one process it is ingest's store; alerting elsewhere needs the same directory. The store is the caller's to close.
     */
    /** What-ifs for admins ({@code POST /v1/whatif}) run by {@code runner}; without one they answer 501. Call before deploying. */
    public AlertingVerticle withWhatIf(WhatIfRunner runner) {
        this.whatIf = runner;
        return this;
    }

    public AlertingVerticle withEvidence(EvidenceStore store) {
        this.evidence = java.util.Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * Admins may submit new versions of the town file ({@code /v1/town/versions}); {@code startLocation} is the
     * file this process started with (version 0). Without it those routes answer 503. Set before deployment.
     */
    public AlertingVerticle withTownVersions(String startLocation) {
        this.townStart = startLocation;
        return this;
    }

    /**
     * {@code listener} is told of every town version this alerting puts in force, and of the one in force at
     * start when it is not the file the process started with: in one process, ingest's device sign-in
     * follows it. Set before deployment.
     */
    public AlertingVerticle onTownChange(java.util.function.Consumer<Town> listener) {
        this.townListener = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Scale-out: town versions are numbered through {@code ledger} and told to the other instances by it (default
     * {@link TownVersionLedger#LOCAL}: this instance alone). Set before deployment.
     */
    public AlertingVerticle withTownLedger(TownVersionLedger ledger) {
        this.townLedger = java.util.Objects.requireNonNull(ledger, "ledger");
        return this;
    }

    /** Where alerting keeps the town versions it applied ({@link TownVersionStore}) in its data directory. */
    public static java.nio.file.Path townVersionsDir(AlertingConfig config) {
        return config.dataDir().resolve("town-versions");
    }

    /**
     * Another instance's town version, read from the deployment's ledger (blocking; any thread): stored, then put in
     * force as this instance's own would be, unless a later one already is. A version this instance cannot parse is
     * logged and skipped: the town in force stays. Call once deployed.
     */
    public void adoptTownVersion(JsonObject meta, String text) {
        long n = meta.getLong("version");
        Town next;
        try {
            next = Town.parse(text, townStart);
        } catch (RuntimeException e) { // TownFileException, or a town that does not resolve here
            LOG.error("TOWN VERSION {} NOT APPLIED on this instance: it does not parse here ({}); the town in force stays", n, e.getMessage());
            return;
        }
        townVersions.addIfMissing(meta, text);
        context.runOnContext(v -> useTown(next, n)
                .onFailure(e -> LOG.warn("town version {} in force, but its ISAPI speakers are not resolved: {}", n, e.toString())));
    }

    /** The town version in force: the latest applied (kept in the data directory), else the one given at construction. */
    private Town latestTown() {
        long latest = townVersions.latest();
        if (townStart == null || latest == 0) {
            return town;
        }
        LOG.info("using town version {} of {} (applied while running before)", latest, townVersionsDir(config));
        Town stored = Town.parse(townVersions.text(latest).orElseThrow(), townStart);
        townVersion = latest;
        return stored;
    }

    /**
     * A new town version is in the event log and stored: operators, officers, views and the map use it from now on,
     * and voice warnings its ISAPI speakers once they are resolved (password files and variables are read off the
     * event loop), which the returned future waits for. An older one than the version in force (another instance's,
     * read late) changes nothing.
     */
    private Future<Void> useTown(Town next, long version) {
        if (version <= townVersion) {
            return Future.succeededFuture();
        }
        townVersion = version;
        town = next;
        townListener.accept(next);
        router = router(guard);
        LOG.info("town version {} in force: {}", version, next);
        return vertx.executeBlocking(() -> IsapiCameraAccess.resolve(next, System::getenv), false).map(speakers -> {
            if (town == next) { // not overtaken by a later version meanwhile
                isapiCameras = speakers;
            }
            return null;
        });
    }

    /** The port the operations API listens on (useful when {@code httpPort} is 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    /** The operations API's routes once started: what docs/openapi.yaml must describe ({@code OpenApiRoutesTest}). */
    List<Route> routes() {
        return router == null ? List.of() : router.getRoutes();
    }

    /** Where this run started reading the action log: 0 for a new store, else one past the last applied record. */
    public long resumedAt() {
        return tailer == null ? -1 : tailer.startedAt();
    }

    private void wire() {
        String gateway = config.commandGatewayOverride() != null ? config.commandGatewayOverride() : town.commandGateway().orElse(null);
        webClient = WebClient.create(vertx);
        CameraAcks acks = cameraAcks != null ? cameraAcks : eventLog == null ? CameraAcks.NONE : new EventLogCameraAcks(eventLog, context, clock);
        ExpiredWarnings expiredWarnings = new ExpiredWarnings(acks);
        delivery = new CommandDelivery(vertx, List.of(
                new MqttSessionChannel(sessions, context, config.deliveryTimeout()),
                new IsapiSpeakerChannel(webClient, () -> isapiCameras, acks, config.deliveryTimeout()), // follows live town versions
                new WebhookChannel(webClient, () -> town, gateway, config.deliveryTimeout())), // follows live town versions
                delivered, config.retry(), config.maxInFlightDeliveries(), metrics, clock,
                new DeliveryTimeline(vertx, store, clock, expiredWarnings), ownership);
        tailer = new ActionTailer(context, actionLog, ACTION_PARTITION, store, delivery, delivered, metrics, clock, expiredWarnings);
        alertStream = new AlertStream(actionLog, ACTION_PARTITION, config.keepAliveInterval(), positions,
                config.limits().maxStreamsPerOperator(), config.limits().maxStreams(), metrics, access);
    }

    private Router router(ConnectionGuard guard) {
        ViolationRoutes violations = new ViolationRoutes(store, config.maxViolations());
        ManualActions manual = new ManualActions(store, eventLog, town, audit, clock);
        OpsLimits limits = config.limits();
        boolean tls = config.tls().isPresent();
        Router router = Router.router(vertx);
        String ingestOrigin = config.handsetEvents() == null ? null : config.handsetEvents().replace(OFFICER_EVENTS_PATH, "");
        router.route().handler(ctx -> {
            SecurityHeaders.apply(ctx.response(), tls, ctx.request().path().startsWith(OFFICER_PAGE) ? ingestOrigin : null);
            guard.requestArrived(ctx);
        });
        router.get("/health/live").handler(ctx -> ctx.response().end("{\"status\":\"UP\"}"));
        router.get("/health/ready").handler(this::ready);
        OperatorAuth operators = new OperatorAuth(town, limits.failedLoginsPerMinute(), limits.maxTrackedAddresses(), access, clock);
        router.get("/metrics").handler(operators).handler(this::metrics);
        router.route("/v1/officer/*").handler(operators.officers());
        TownMapRoutes townMap = new TownMapRoutes(town);
        OfficerPhotoRoutes photos = new OfficerPhotoRoutes(store, evidence, clock);
        router.get("/v1/officer/assignments").handler(new OfficerRoutes(store, config.handsetEvents(), photos.maxBytes())::assignments);
        router.post(OFFICER_PHOTOS).handler(photos::checkHeaders);
        router.post(OFFICER_PHOTOS).handler(photos.body()).handler(photos::upload).failureHandler(photos::failed);
        router.get("/v1/officer/map").handler(townMap::forOfficer);
        router.route("/v1/officer/*").handler(ctx -> Problems.reply(ctx, OpsProblem.NOT_FOUND, "no such resource; see docs/openapi.yaml"));
        router.route("/v1/*").handler(operators);
        router.route("/v1/*").handler(AlertingVerticle::notScraper);
        router.get("/v1/alerts/stream").handler(alertStream::handle);
        router.get("/v1/violations").handler(violations::list);
        router.get("/v1/violations/:id").handler(violations::one);
        router.get("/v1/violations/:id/evidence/:ref").handler(new EvidenceRoutes(store, evidence)::picture);
        router.post("/v1/violations/:id/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post("/v1/violations/:id/assign").handler(manual::assign);
        router.post("/v1/violations/:id/close").handler(manual::close);
        router.get("/v1/stats").handler(new StatsRoutes(store, clock)::stats);
        router.get("/v1/reports").handler(new ReportRoutes(store, town, clock)::report);
        router.get("/v1/town").handler(new TownRoutes(town, store)::town);
        router.get("/v1/town/map").handler(townMap::forOperator);
        router.get("/v1/audit").handler(new AuditRoutes(audit, config.maxViolations())::list);
        TownVersionRoutes versions = new TownVersionRoutes(townVersions, townLedger, eventLog, townStart, () -> town, this::useTown, clock);
        router.post("/v1/town/versions").handler(BodyHandler.create().setBodyLimit(TownVersionRoutes.MAX_TOWN_BYTES));
        router.post("/v1/town/versions").handler(versions::submit);
        router.get("/v1/town/versions").handler(versions::list);
        router.get("/v1/town/versions/:n").handler(versions::one);
        router.post("/v1/town/versions/:n/rollback").handler(versions::rollback);
        router.post("/v1/whatif").handler(BodyHandler.create().setBodyLimit(WhatIfRoutes.MAX_BODY_BYTES));
        router.post("/v1/whatif").handler(new WhatIfRoutes(whatIf, clock)::run);
        router.get(OFFICER_PAGE).handler(ctx -> { // Vert.x matches "/officer/" here too
            if (ctx.request().path().equals(OFFICER_PAGE)) {
                ctx.redirect(OFFICER_PAGE + "/");
            } else {
                ctx.next();
            }
        });
        router.get(OFFICER_PAGE + "/*").handler(StaticHandler.create("officer").setCachingEnabled(false).setIndexPage("index.html"));
        router.get("/*").handler(StaticHandler.create("dashboard").setCachingEnabled(false).setIndexPage("index.html"));
        router.route().last().handler(ctx -> Problems.reply(ctx, OpsProblem.NOT_FOUND, "no such resource; see docs/openapi.yaml"));
        router.route().failureHandler(new FailureReplies());
        return router;
    }

    private void sweep() {
        vertx.executeBlocking(() -> store.sweep(clock.instant().minus(config.retention()), 10_000), false)
                .onSuccess(metrics::swept);
        vertx.executeBlocking(() -> {
            metrics.swept("delivered_commands", delivered.sweep(clock.instant()));
            metrics.swept("audit", audit.sweep(clock.instant()));
            return null;
        }, false);
    }

    private void ready(RoutingContext ctx) {
        JsonObject down = new JsonObject();
        dependencies.forEach(d -> d.problem().ifPresent(why -> down.put(d.name(), new JsonObject().put("status", "DOWN").put("reason", why))));
        boolean caughtUp = tailer.caughtUp();
        JsonObject body = new JsonObject().put("status", !down.isEmpty() ? "DOWN" : caughtUp ? "UP" : "REPLAYING")
                .put("actionLogPosition", tailer.position());
        if (!down.isEmpty()) {
            body.put("parts", down);
        }
        ctx.response().setStatusCode(caughtUp && down.isEmpty() ? 200 : 503).putHeader("content-type", "application/json").end(body.encode());
    }

    /** A token of role metrics reads {@code /metrics} and nothing of the API. */
    private static void notScraper(RoutingContext ctx) {
        if (ScrapeAccess.ROLE.equals(OperatorAuth.operator(ctx).role())) {
            Problems.reply(ctx, OpsProblem.FORBIDDEN, "a token of role " + ScrapeAccess.ROLE + " reads /metrics only");
            return;
        }
        ctx.next();
    }

    /** To operators of role metrics or admin ({@link ScrapeAccess}); {@link OperatorAuth} found who is asking. */
    private void metrics(RoutingContext ctx) {
        var operator = OperatorAuth.operator(ctx);
        if (!ScrapeAccess.mayScrape(operator)) {
            Problems.reply(ctx, OpsProblem.FORBIDDEN, ScrapeAccess.explain(ScrapeAccess.Outcome.FORBIDDEN)
                    + "; your role is " + operator.role());
            return;
        }
        vertx.executeBlocking(() -> PrometheusText.scrape(registry), false)
                .onSuccess(bytes -> ctx.response().putHeader("content-type", PrometheusText.CONTENT_TYPE).end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private void releaseResources() {
        if (webClient != null) {
            webClient.close();
        }
        if (delivered != null) {
            delivered.close();
        }
        if (store != null) {
            store.close();
        }
        if (audit != null) {
            audit.close();
        }
        metrics.unregister();
        access.unregister();
    }
}
