package io.gridwarden.alerting.api;

import io.gridwarden.alerting.store.OfficerPhotoPolicy;
import io.gridwarden.alerting.store.OfficerPhotoPolicy.Verdict;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.common.evidence.EvidenceRefusedException;
import io.gridwarden.common.evidence.EvidenceStore;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /v1/officer/assignments/{id}/photos}: the officer's page sends a photo of a violation assigned to the
 * signed-in officer (the body is the picture: JPEG, PNG or WebP by its first bytes, at most the evidence store's
 * picture bound). It is kept in the evidence store, like the cameras' pictures, and becomes a {@code photo} step of
 * the violation's timeline naming its ref, where operators see it ({@code GET /v1/violations/{id}/evidence/{ref}}).
 * Any other officer's violation, an unknown one or one that is over is the same 404; the headers are judged before
 * the body is read, and the violation before the picture is stored.
 */
public final class OfficerPhotoRoutes {

    static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/webp");

    private final ViolationStore violations;
    private final EvidenceStore pictures;
    private final Clock clock;

    public OfficerPhotoRoutes(ViolationStore violations, EvidenceStore pictures, Clock clock) {
        this.violations = violations;
        this.pictures = pictures;
        this.clock = clock;
    }

    /** The largest photo taken, in bytes: the store's picture bound; 0 when this alerting keeps no pictures. */
    public long maxBytes() {
        return pictures.maxPictureBytes();
    }

    /** Reads the body, up to {@link #maxBytes}; a longer one fails the request with 413 ({@link #failed}). */
    public BodyHandler body() {
        return BodyHandler.create(false).setBodyLimit(Math.max(1, maxBytes()));
    }

    /** Before the body: pictures are kept here, this one is not larger than allowed, and it says it is a picture. */
    public void checkHeaders(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (maxBytes() == 0) {
            refuse(ctx, EvidenceRefusedException.Reason.DISABLED, "this gridwarden keeps no pictures; resolve without a photo");
        } else if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19 && Long.parseLong(length) > maxBytes()) {
            refuse(ctx, EvidenceRefusedException.Reason.TOO_LARGE, tooLarge());
        } else if (type == null || !MEDIA_TYPES.contains(type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))) {
            refuse(ctx, EvidenceRefusedException.Reason.NOT_AN_IMAGE, "send the photo itself as the body, with Content-Type image/jpeg,"
                    + " image/png or image/webp");
        } else {
            ctx.next();
        }
    }

    public void upload(RoutingContext ctx) {
        String officer = OperatorAuth.officer(ctx).id();
        String id = ctx.pathParam("id");
        Buffer body = ctx.body().buffer();
        byte[] photo = body == null ? new byte[0] : body.getBytes();
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        ctx.vertx().executeBlocking(() -> {
            EvidenceRef named = EvidenceRef.of(photo); // what the store will name it: a resend is known before it is stored
            Verdict before = OfficerPhotoPolicy.judge(violations.get(id).orElse(null), officer, named.value());
            if (before != Verdict.ATTACH) {
                return new Outcome(before, named);
            }
            EvidenceRef ref = pictures.put(photo, type);
            return new Outcome(violations.attachPhoto(id, officer, ref.value(), clock.instant()), ref);
        }, false).onSuccess(outcome -> reply(ctx, id, outcome)).onFailure(failure -> {
            if (failure instanceof EvidenceRefusedException refused) {
                refuse(ctx, refused.reason(), refused.reason() == EvidenceRefusedException.Reason.TOO_LARGE ? tooLarge() : refused.getMessage());
            } else {
                ctx.fail(failure);
            }
        });
    }

    /** A body longer than {@link #maxBytes}, which the body handler refused, is told as this route's 413. */
    public void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            refuse(ctx, EvidenceRefusedException.Reason.TOO_LARGE, tooLarge());
        } else {
            ctx.next();
        }
    }

    private record Outcome(Verdict verdict, EvidenceRef ref) {}

    private static void reply(RoutingContext ctx, String id, Outcome outcome) {
        switch (outcome.verdict()) {
            case ATTACH, ALREADY_ATTACHED -> ctx.response().setStatusCode(outcome.verdict() == Verdict.ATTACH ? 201 : 200)
                    .putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
                    .end(new JsonObject().put("violation", id).put("evidence", outcome.ref().value()).encode());
            case FULL -> Problems.reply(ctx, 409, "too-many-photos", "The violation has as many photos as it takes",
                    "violation " + RequestParams.shorten(id) + " has " + OfficerPhotoPolicy.MAX_PER_VIOLATION + " photos already; describe"
                            + " anything more in the note");
            case NOT_HELD -> Problems.reply(ctx, OpsProblem.NOT_FOUND, "no violation " + RequestParams.shorten(id)
                    + " is assigned to you now; photos go with the assignments GET /v1/officer/assignments lists");
        }
    }

    private String tooLarge() {
        return "a photo may be at most " + maxBytes() + " bytes; take it at a lower resolution (the officer's page shrinks it itself)";
    }

    private static void refuse(RoutingContext ctx, EvidenceRefusedException.Reason reason, String detail) {
        int status = switch (reason) {
            case TOO_LARGE -> 413;
            case NOT_AN_IMAGE, MEDIA_TYPE_MISMATCH -> 415;
            case STORE_FULL -> 507;
            case DISABLED -> 501;
            case WRITE_FAILED -> 503;
        };
        String title = switch (reason) {
            case TOO_LARGE -> "The photo is too large";
            case NOT_AN_IMAGE -> "The body is not a JPEG, PNG or WebP picture";
            case MEDIA_TYPE_MISMATCH -> "The photo is not of its Content-Type";
            case STORE_FULL -> "The evidence store is full";
            case DISABLED -> "This gridwarden keeps no pictures";
            case WRITE_FAILED -> "The photo could not be stored";
        };
        Problems.reply(ctx, status, reason.label, title, detail);
    }
}
