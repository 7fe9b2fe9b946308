package io.gridwarden.alerting.api;

import io.gridwarden.alerting.store.StoredViolation;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.evidence.Evidence;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.common.evidence.EvidenceStore;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET /v1/violations/{id}/evidence/{ref}}: a picture of a violation, to an operator who may see that violation
 * ({@link ViolationFilter#inScope}, as {@code GET /v1/violations/{id}}) and only when the violation names the ref
 * (among its pictures or on its timeline, where an officer's photos are).
 * Every other case (no such violation, not in scope, a ref it does not name, a picture no longer kept) is the same 404,
 * so the answer tells nobody which pictures exist. The picture is served as an image only: its type from the store
 * (which judged it by its bytes), no sniffing, a policy that lets it run nothing.
 */
public final class EvidenceRoutes {

    /** A picture is no document: it may load nothing, run nothing, be framed by nobody. */
    static final String PICTURE_POLICY = "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'none'";
    /** Only the operator's own browser keeps it, briefly: access follows the operator's jurisdictions. */
    static final String CACHE_CONTROL = "private, max-age=300";

    private final ViolationStore violations;
    private final EvidenceStore pictures;

    public EvidenceRoutes(ViolationStore violations, EvidenceStore pictures) {
        this.violations = violations;
        this.pictures = pictures;
    }

    public void picture(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        String id = ctx.pathParam("id");
        Optional<EvidenceRef> ref = EvidenceRef.parse(ctx.pathParam("ref"));
        ctx.vertx().executeBlocking(() -> ref.flatMap(r -> violations.get(id)
                        .filter(v -> ViolationFilter.inScope(operator.jurisdictions(), v.latest()))
                        .filter(v -> names(v, r))
                        .flatMap(v -> pictures.get(r))), false)
                .onSuccess(found -> found.ifPresentOrElse(picture -> send(ctx, picture), () -> Problems.reply(ctx, OpsProblem.NOT_FOUND,
                        "no such picture of violation " + RequestParams.shorten(id) + " in your jurisdictions; its refs are the"
                                + " violation's evidence list, and pictures are kept for a limited time")))
                .onFailure(ctx::fail);
    }

    /** Whether the violation or a step of its timeline (an officer's photo is only there) names {@code ref}. */
    private static boolean names(StoredViolation violation, EvidenceRef ref) {
        return violation.latest().evidence() != null && violation.latest().evidence().contains(ref.value())
                || violation.timeline().stream().anyMatch(step -> step.evidence() != null && step.evidence().contains(ref.value()));
    }

    private static void send(RoutingContext ctx, Evidence picture) {
        ctx.response()
                .putHeader("Content-Type", picture.mediaType())
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", PICTURE_POLICY)
                .putHeader("Cache-Control", CACHE_CONTROL)
                .putHeader("Content-Disposition", "inline")
                .end(Buffer.buffer(picture.content()));
    }
}
