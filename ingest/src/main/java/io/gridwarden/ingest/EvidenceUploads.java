package io.gridwarden.ingest;

import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.common.evidence.EvidenceRefusedException;
import io.gridwarden.common.evidence.EvidenceStore;
import io.gridwarden.common.town.Device;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/evidence}: a camera uploads a picture (JPEG or PNG, its bytes as the body) and gets its ref,
 * which its frames then name as {@code data.evidence}. The headers are judged before the body is read; the body
 * is charged to the device's byte rate and one event token, like an event; the store ({@link EvidenceStore}) is
 * written on a worker thread.
 */
final class EvidenceUploads {

    static final String PATH = "/v1/evidence";
    private static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png");
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceUploads.class);

    private final EvidenceStore store;
    private final IngestGuard guard;

    EvidenceUploads(IngestServices services) {
        this.store = services.evidence();
        this.guard = services.guard();
    }

    /** The largest body read: a picture of the store's bound (at least one byte, so that a disabled store still parses). */
    long bodyLimit() {
        return Math.max(1, store.maxPictureBytes());
    }

    /** Before the body: only a camera, only a picture type, only where pictures are kept. */
    Optional<Rejection> checkHeaders(Device device, String contentType) {
        if (device.kind() != Device.Kind.CAMERA) {
            return Optional.of(Rejection.of(Rejection.Reason.NOT_A_CAMERA, device.id() + " is not a camera; only cameras upload pictures"));
        }
        if (store.maxPictureBytes() == 0) {
            return Optional.of(Rejection.of(Rejection.Reason.EVIDENCE_DISABLED, "this ingest keeps no pictures; send frames without"
                    + " data.evidence (a data.snapshot URL still works)"));
        }
        if (mediaType(contentType).filter(MEDIA_TYPES::contains).isEmpty()) {
            return Optional.of(Rejection.of(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be image/jpeg or image/png"));
        }
        return Optional.empty();
    }

    /** Charges the body to the device, then stores it; completes with the ref or the refusal. */
    Future<EvidenceRef> upload(Vertx vertx, Device device, RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        byte[] picture = buffer == null ? new byte[0] : buffer.getBytes();
        Optional<Rejection> over = guard.chargeBytes(device.id(), picture.length).or(() -> guard.chargeEvents(device.id(), 1));
        if (over.isPresent()) {
            return Future.failedFuture(new Refused(over.get()));
        }
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return vertx.executeBlocking(() -> store.put(picture, contentType), false).recover(failure -> {
            if (failure instanceof EvidenceRefusedException refused) {
                return Future.failedFuture(new Refused(rejection(refused)));
            }
            LOG.error("storing a picture of {} failed", device.id(), failure);
            return Future.failedFuture(new Refused(Rejection.of(Rejection.Reason.EVIDENCE_WRITE_FAILED, "retry later")));
        });
    }

    static JsonObject created(EvidenceRef ref) {
        return new JsonObject().put("evidence", ref.value());
    }

    private static Optional<String> mediaType(String contentType) {
        return contentType == null ? Optional.empty() : Optional.of(contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }

    private static Rejection rejection(EvidenceRefusedException refused) {
        Rejection.Reason reason = switch (refused.reason()) {
            case TOO_LARGE -> Rejection.Reason.EVIDENCE_TOO_LARGE;
            case NOT_AN_IMAGE -> Rejection.Reason.EVIDENCE_NOT_AN_IMAGE;
            case MEDIA_TYPE_MISMATCH -> Rejection.Reason.EVIDENCE_MEDIA_TYPE_MISMATCH;
            case STORE_FULL -> Rejection.Reason.EVIDENCE_STORE_FULL;
            case DISABLED -> Rejection.Reason.EVIDENCE_DISABLED;
            case WRITE_FAILED -> Rejection.Reason.EVIDENCE_WRITE_FAILED;
        };
        return Rejection.of(reason, refused.getMessage() + (reason == Rejection.Reason.EVIDENCE_STORE_FULL
                ? "; send frames without data.evidence meanwhile" : ""));
    }

    /** An upload refused, carrying what to answer. */
    static final class Refused extends RuntimeException {
        final Rejection rejection;

        Refused(Rejection rejection) {
            super(rejection.detail(), null, false, false);
            this.rejection = rejection;
        }
    }
}
