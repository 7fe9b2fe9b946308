package io.gridwarden.ingest;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.common.metrics.ScrapeAccess;
import io.gridwarden.common.town.Device;
import io.gridwarden.common.town.Town;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's HTTP endpoint: {@code POST /v1/events} authenticates the device, admits the body
 * ({@link EventAdmission}), appends it to the event log and answers 202 only once the log has made it
 * durable; {@code POST /v1/evidence} takes a camera's picture ({@link EvidenceUploads}). Also serves {@code /health/live}, {@code /health/ready} (every part of ingest,
 * {@link IngestReadiness}) and {@code /metrics} (to the operators {@link ScrapeAccess} lets through). With {@link IngestConfig#tls()} set, only over HTTPS. Several instances may share one port and one
 * {@link IngestServices}: Vert.x spreads connections over them.
 *
 * <p>The log completes appends on its own writer thread; replies hop back to this verticle's context,
 * so the event loop never waits on disk.
 */
public final class IngestVerticle extends VerticleBase {

    static final String EVENTS_PATH = "/v1/events";
    private static final String RECEIVED_AT = "gridwarden.receivedNanos";
    private static final String DEVICE = "gridwarden.device";
    private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

    private final IngestServices services;
    private final IngestConfig config;
    private final RecordLog eventLog;
    private final DeviceAuthenticator authenticator;
    private final MeteredAdmission admission;
    private final LoginGuard logins;
    private final IngestMetrics metrics;
    private final IngestGuard guard;
    private final Clock clock;
    private final EvidenceUploads uploads;
    private volatile HttpServer server;
    private volatile boolean stopping;

    /** A standalone HTTP endpoint with services of its own (tests); its random command secret makes it refuse every ack. */
    public IngestVerticle(IngestConfig config, Town town, RecordLog eventLog, PrometheusRegistry registry) {
        this(new IngestServices(config, town, eventLog, registry, IngestGuard.create(config, town, eventLog),
                IngestReadiness.httpOnly(eventLog), CommandIds.random(), Clock.systemUTC()));
    }

    /** One instance of the HTTP endpoint over the process's shared services; deploy as many as there are event loops to use. */
    public IngestVerticle(IngestServices services) {
        this.services = services;
        this.config = services.config();
        this.eventLog = services.eventLog();
        this.authenticator = services.authenticator();
        this.admission = services.admission();
        this.logins = services.logins();
        this.guard = services.guard();
        this.clock = services.clock();
        this.metrics = services.httpMetrics();
        this.uploads = new EvidenceUploads(services);
    }

    @Override
    public Future<?> start() {
        var options = new HttpServerOptions()
                .setIdleTimeout((int) config.limits().httpIdleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        config.tls().ifPresent(pem -> options.setSsl(true).setKeyCertOptions(DeviceTls.keyCert(pem)));
        return vertx.createHttpServer(options)
                .connectionHandler(services.httpConnections())
                .requestHandler(router())
                .listen(config.httpPort(), config.host())
                .onSuccess(listening -> server = listening)
                .recover(e -> Future.failedFuture(new IllegalStateException("ingest cannot listen on " + config.host() + ":"
                        + config.httpPort() + " (" + e.getMessage() + "); is another process using the port?", e)));
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The port the HTTP endpoint listens on (useful when configured with port 0). */
    public int actualPort() {
        HttpServer listening = server;
        if (listening == null) {
            throw new IllegalStateException("ingest is not listening yet; deploy the verticle first");
        }
        return listening.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        BrowserOrigins browsers = new BrowserOrigins(config.browserOrigins());
        router.options(EVENTS_PATH).handler(browsers::preflight);
        router.post(EVENTS_PATH).handler(browsers::allow);
        router.post(EVENTS_PATH).handler(this::markReceived); // its own route: a body handler must come first in a route
        router.post(EVENTS_PATH).handler(this::authenticate); // before the body is read: no credentials, nothing read
        router.post(EVENTS_PATH)
                // sized from Content-Length (Vert.x caps it at 64 KiB): a 100-event batch is read into one buffer, not grown five times
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()).setPreallocateBodyBuffer(true))
                .handler(this::postEvents);
        router.post(IsapiAlarmHost.PATH).handler(new IsapiAlarmHost(services)::handle); // reads its own bounded body
        router.post(EvidenceUploads.PATH).handler(this::markReceived);
        router.post(EvidenceUploads.PATH).handler(this::authenticate);
        router.post(EvidenceUploads.PATH).handler(this::checkUpload); // before the body: only a camera's picture is read
        router.post(EvidenceUploads.PATH)
                .handler(BodyHandler.create(false).setBodyLimit(uploads.bodyLimit()))
                .handler(this::postEvidence);
        router.get("/health/live").handler(ctx -> HttpReplies.json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(this::scraper).handler(this::metrics);
        router.errorHandler(413, this::tooLarge);
        router.errorHandler(500, ctx -> {
            LOG.error("unexpected failure serving {}", ctx.request().path(), ctx.failure());
            refuse(ctx, Rejection.of(Rejection.Reason.INTERNAL, "see the ingest log"));
        });
        return router;
    }

    private void markReceived(RoutingContext ctx) {
        ctx.put(RECEIVED_AT, System.nanoTime());
        ctx.next();
    }

    private void authenticate(RoutingContext ctx) {
        String address = remoteAddress(ctx);
        if (refusedAsThrottled(ctx, address)) {
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        Optional<Device> device = authenticator.authenticateBearer(authorization);
        if (device.isEmpty()) {
            logins.failed(LoginGuard.HTTP, address, null, authorization == null ? "no Authorization header" : "unknown or malformed bearer token");
            refuse(ctx, Rejection.of(Rejection.Reason.UNAUTHORIZED, "send Authorization: Bearer <device token>"));
            return;
        }
        ctx.put(DEVICE, device.get());
        ctx.next();
    }

    /** Lets through an operator of role metrics or admin ({@link ScrapeAccess}), on the same throttle as devices' logins. */
    private void scraper(RoutingContext ctx) {
        String address = remoteAddress(ctx);
        if (refusedAsThrottled(ctx, address)) {
            return;
        }
        ScrapeAccess.Outcome outcome = services.scrapers().check(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        switch (outcome) {
            case ALLOWED -> ctx.next();
            case FORBIDDEN -> refuse(ctx, Rejection.of(Rejection.Reason.METRICS_FORBIDDEN, ScrapeAccess.explain(outcome)));
            case MISSING, UNKNOWN -> {
                logins.failed(LoginGuard.HTTP, address, null, outcome == ScrapeAccess.Outcome.MISSING
                        ? "no Authorization header for /metrics" : "unknown bearer token for /metrics");
                refuse(ctx, Rejection.of(Rejection.Reason.SCRAPER_UNAUTHORIZED, ScrapeAccess.explain(outcome)));
            }
        }
    }

    /** Refuses the request when its address failed to log in too often (before its credentials are looked at). */
    private boolean refusedAsThrottled(RoutingContext ctx, String address) {
        Optional<Rejection> throttled = logins.throttled(LoginGuard.HTTP, address);
        throttled.ifPresent(rejection -> refuse(ctx, rejection));
        return throttled.isPresent();
    }

    private static String remoteAddress(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "an unknown address" : remote.hostAddress();
    }

    /** The body handler stopped reading at the limit: the device is charged what was read, as for any refused request. */
    private void tooLarge(RoutingContext ctx) {
        Device device = ctx.get(DEVICE);
        boolean picture = EvidenceUploads.PATH.equals(ctx.request().path());
        long limit = picture ? uploads.bodyLimit() : config.maxBodyBytes();
        if (device != null) {
            guard.chargeRefused(device.id(), limit, 1);
        }
        refuse(ctx, picture ? Rejection.of(Rejection.Reason.EVIDENCE_TOO_LARGE, "a picture may be at most " + limit + " bytes; send a smaller one")
                : Rejection.of(Rejection.Reason.TOO_LARGE, "a request body may be at most " + limit + " bytes; split the batch"));
    }

    /** Before a picture's body is read: a camera, a picture type, a store that keeps pictures. */
    private void checkUpload(RoutingContext ctx) {
        Device device = ctx.get(DEVICE);
        Optional<Rejection> refused = uploads.checkHeaders(device, ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (refused.isPresent()) {
            guard.chargeRefused(device.id(), 0, 1);
            refuse(ctx, refused.get());
            return;
        }
        ctx.next();
    }

    private void postEvidence(RoutingContext ctx) {
        uploads.upload(vertx, ctx.get(DEVICE), ctx).onComplete(
                ref -> HttpReplies.json(ctx, 201, EvidenceUploads.created(ref)),
                failure -> refuse(ctx, failure instanceof EvidenceUploads.Refused refused ? refused.rejection
                        : Rejection.of(Rejection.Reason.INTERNAL, "see the ingest log")));
    }

    private void postEvents(RoutingContext ctx) {
        Device device = ctx.get(DEVICE);
        Optional<Rejection> behind = guard.pipelineBehind();
        if (behind.isPresent()) {
            refuse(ctx, behind.get());
            return;
        }
        byte[] body = BodyBytes.of(ctx.body().buffer());
        Optional<BodyShape> shape = BodyShape.fromContentType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (shape.isEmpty()) {
            guard.chargeRefused(device.id(), body.length, 1);
            refuse(ctx, Rejection.of(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + BodyShape.supported()));
            return;
        }
        var admitted = admission.admit(device, shape.get(), body, clock.instant());
        if (!admitted.accepted()) {
            refuse(ctx, admitted.rejection());
        } else if (admitted.entries().isEmpty()) {
            acknowledge(ctx, new AppendResult(0, 0));
        } else {
            append(admitted.entries()).onComplete(
                    result -> acknowledge(ctx, result),
                    failure -> refuse(ctx, appendFailure(failure)));
        }
    }

    private Future<AppendResult> append(List<LogEntry> entries) {
        CompletableFuture<AppendResult> appended;
        try {
            appended = eventLog.append(entries);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        return Future.fromCompletionStage(appended, context);
    }

    private void acknowledge(RoutingContext ctx, AppendResult result) {
        metrics.acknowledged(result, ctx.<Long>get(RECEIVED_AT));
        HttpReplies.json(ctx, 202, new JsonObject().put("accepted", result.accepted()).put("duplicates", result.duplicates()));
    }

    private static Rejection appendFailure(Throwable failure) {
        Rejection rejection = Rejection.ofAppendFailure(failure);
        if (rejection.reason() == Rejection.Reason.LOG_FAILURE) {
            LOG.error("appending to the event log failed", failure);
        }
        return rejection;
    }

    private void refuse(RoutingContext ctx, Rejection rejection) {
        metrics.rejected(rejection.reason());
        HttpReplies.problem(ctx, rejection);
    }

    /** 200 when every part of ingest is up, else 503; either way the body lists each part's status. */
    private void ready(RoutingContext ctx) {
        services.readiness().check(server != null && !stopping, context).onSuccess(parts ->
                HttpReplies.json(ctx, IngestReadiness.allUp(parts) ? 200 : 503, IngestReadiness.toJson(parts)));
    }

    private void metrics(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PrometheusText.CONTENT_TYPE)
                .end(Buffer.buffer(PrometheusText.scrape(services.registry())));
    }
}
