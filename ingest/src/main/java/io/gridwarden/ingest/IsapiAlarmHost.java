package io.gridwarden.ingest;

import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.evidence.EvidenceStore;
import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.RecordLog;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /isapi/alarms/{secret}}: the "HTTP listening" alarm host Hikvision cameras post their
 * {@code EventNotificationAlert}s to (docs/devices-hikvision.md). The secret in the path names the camera
 * ({@link IsapiCameras}), unread bodies are refused for an unknown one; the body (at most
 * {@link #MAX_BODY_BYTES}) is read ({@link IsapiAlertBody}), the alert's MAC/serial checked, turned into
 * the event a CloudEvents camera would send ({@link IsapiFrames}) and admitted exactly as
 * {@code /v1/events} admits one (rates, sizes, times). {@code 200} only once the event is durable.
 *
 * <p>A picture attached to a smart event ({@code multipart/form-data}) is stored in the evidence store
 * ({@link EvidenceStore}, on a worker) before the frame is made, and the frame names it in
 * {@code data.evidence}. A picture the store refuses (full, too large, not a JPEG/PNG, or no store) costs
 * the frame its evidence, never the alert: the store counts what it refused.
 */
final class IsapiAlarmHost {

    static final String PATH = "/isapi/alarms/:secret";
    /** An alert with a 4 MP JPEG is some 0.5 MB; a picture of the evidence store's default bound (2 MiB) and the alert, no more, is read. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024 + 64 * 1024;
    private static final System.Logger LOG = System.getLogger(IsapiAlarmHost.class.getName());

    private final IngestServices services;
    private final IngestMetrics metrics;

    IsapiAlarmHost(IngestServices services) {
        this.services = services;
        this.metrics = services.httpMetrics();
    }

    void handle(RoutingContext ctx) {
        long received = System.nanoTime();
        String address = ctx.request().remoteAddress() == null ? "an unknown address" : ctx.request().remoteAddress().hostAddress();
        Optional<Rejection> throttled = services.logins().throttled(LoginGuard.HTTP, address);
        if (throttled.isPresent()) {
            refuse(ctx, throttled.get());
            return;
        }
        Optional<IsapiCameras.IsapiCamera> camera = services.isapiCameras().bySecret(ctx.pathParam("secret"));
        if (camera.isEmpty()) {
            services.logins().failed(LoginGuard.HTTP, address, null, "unknown ISAPI alarm-host secret");
            refuse(ctx, Rejection.of(Rejection.Reason.UNKNOWN_ALARM_SECRET,
                    "post to /isapi/alarms/<the camera's alarm-host secret>; see docs/devices-hikvision.md"));
            return;
        }
        Optional<Rejection> behind = services.guard().pipelineBehind();
        if (behind.isPresent()) {
            refuse(ctx, behind.get());
            return;
        }
        readBody(ctx).onSuccess(body -> {
            if (body != null) {
                admit(ctx, camera.get(), body, address, received);
            }
        });
    }

    /** The body, read up to the limit; null (and the request answered) when it is larger. */
    private Future<byte[]> readBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY_BYTES) {
            tooLarge(ctx);
            return Future.succeededFuture(null);
        }
        Buffer body = Buffer.buffer();
        io.vertx.core.Promise<byte[]> read = io.vertx.core.Promise.promise();
        request.handler(chunk -> {
            if (read.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                tooLarge(ctx);
                read.tryComplete(null);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> read.tryComplete(body.getBytes()));
        request.exceptionHandler(e -> read.tryComplete(null));
        request.resume();
        return read.future();
    }

    /** The alert read, checked against its camera, and what it becomes (empty: nothing). */
    private record Decoded(IsapiAlertBody body, Optional<DeviceEvent> event) {}

    private void admit(RoutingContext ctx, IsapiCameras.IsapiCamera camera, byte[] body, String address, long received) {
        Instant now = services.clock().instant();
        String id = camera.device().id();
        Optional<Rejection> over = services.guard().chargeBytes(id, body.length); // the raw body, before any parsing
        if (over.isPresent()) {
            refuse(ctx, over.get());
            return;
        }
        Decoded decoded = decode(ctx, camera, body, address, now);
        if (decoded == null) {
            return;
        }
        if (decoded.event().isEmpty()) {
            over = services.guard().chargeEvents(id, 1); // an alert acted on is charged as its event, by admission
            if (over.isPresent()) {
                refuse(ctx, over.get());
            } else {
                HttpReplies.json(ctx, 200, new JsonObject().put("accepted", 0).put("duplicates", 0).put("ignored", decoded.body().alert().eventType()));
            }
            return;
        }
        withEvidence(ctx, decoded.event().get(), decoded.body().picture()).onSuccess(frame -> {
            var admitted = services.admission().admit(camera.device(), BodyShape.SINGLE, EventCodec.encode(frame), now);
            if (!admitted.accepted()) {
                refuse(ctx, admitted.rejection());
                return;
            }
            append(ctx, admitted.entries()).onComplete(result -> {
                metrics.acknowledged(result, received);
                HttpReplies.json(ctx, 200, new JsonObject().put("accepted", result.accepted()).put("duplicates", result.duplicates()));
            }, failure -> refuse(ctx, Rejection.ofAppendFailure(failure)));
        });
    }

    /** The alert and its event; null when it is refused (and the camera answered). */
    private Decoded decode(RoutingContext ctx, IsapiCameras.IsapiCamera camera, byte[] body, String address, Instant now) {
        String id = camera.device().id();
        try {
            IsapiAlertBody read = IsapiAlertBody.read(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), body);
            Optional<String> mismatch = IsapiCameras.mismatch(camera, read.alert());
            if (mismatch.isPresent()) {
                services.logins().failed(LoginGuard.HTTP, address, id, "ISAPI alert from another camera");
                refuse(ctx, Rejection.of(Rejection.Reason.NOT_THIS_CAMERA, mismatch.get()));
                return null;
            }
            return new Decoded(read, IsapiFrames.toEvent(id, read.alert(), services.townZone(), now));
        } catch (IsapiAlertReader.UnreadableAlert e) {
            services.guard().chargeRefusedEvents(id, 1);
            refuse(ctx, Rejection.of(Rejection.Reason.INVALID_ALERT, e.getMessage() + "; nothing was stored"));
        } catch (IsapiAlertBody.UnsupportedType e) {
            services.guard().chargeRefusedEvents(id, 1);
            refuse(ctx, Rejection.of(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + IsapiAlertBody.SUPPORTED));
        }
        return null;
    }

    /**
     * The one place an alert's picture goes: into the evidence store, its ref onto the frame. The event keeps its
     * id either way (the id is the alert's), so a re-sent alert stays a duplicate whether or not its picture was kept.
     */
    private Future<DeviceEvent> withEvidence(RoutingContext ctx, DeviceEvent event, Optional<IsapiMultipart.Part> picture) {
        if (picture.isEmpty() || !(event.data() instanceof Detection frame) || frame.objects().isEmpty()) {
            return Future.succeededFuture(event);
        }
        EvidenceStore store = services.evidence();
        return ctx.vertx().executeBlocking(() -> store.put(picture.get().body(), picture.get().contentType()), false)
                .map(ref -> new DeviceEvent(event.id(), event.source(), event.type(), event.time(), event.ingestTime(),
                        new Detection(frame.objects(), frame.snapshot(), ref.value())))
                .recover(refused -> {
                    LOG.log(System.Logger.Level.DEBUG, "picture of " + event.id() + " not kept: " + refused.getMessage());
                    return Future.succeededFuture(event);
                });
    }

    private Future<AppendResult> append(RoutingContext ctx, List<LogEntry> entries) {
        RecordLog log = services.eventLog();
        CompletableFuture<AppendResult> appended;
        try {
            appended = log.append(entries);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        return Future.fromCompletionStage(appended, ctx.vertx().getOrCreateContext());
    }

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        refuse(ctx, Rejection.of(Rejection.Reason.TOO_LARGE, "an alarm-host request may be at most " + MAX_BODY_BYTES
                + " bytes; lower the camera's picture quality"));
    }

    private void refuse(RoutingContext ctx, Rejection rejection) {
        metrics.rejected(rejection.reason());
        HttpReplies.problem(ctx, rejection);
    }
}
