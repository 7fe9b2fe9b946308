package io.gridwarden.alerting.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwarden.alerting.store.OfficerAssignment;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.TownFile.Officer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/officer/assignments}: what the officer's page shows, for the officer whose handset token
 * signed the request ({@link OperatorAuth#officers()}) and nobody else: the violations assigned to them that
 * are not over, each with the {@code assignment} command whose id their page acknowledges, and where the
 * page sends those acknowledgements (ingest's events URL, the one door for device events), and how large a photo
 * it may attach ({@link OfficerPhotoRoutes}; left out when this alerting keeps no pictures).
 */
public final class OfficerRoutes {

    private final ViolationStore store;
    private final String eventsUrl;
    private final long maxPhotoBytes;

    /**
     * @param eventsUrl     ingest's {@code /v1/events} as handsets reach it; null: the page cannot send (it says so)
     * @param maxPhotoBytes the largest photo the page may attach; 0: none
     */
    public OfficerRoutes(ViolationStore store, String eventsUrl, long maxPhotoBytes) {
        this.store = store;
        this.eventsUrl = eventsUrl;
        this.maxPhotoBytes = maxPhotoBytes;
    }

    public void assignments(RoutingContext ctx) {
        Officer officer = OperatorAuth.officer(ctx);
        ctx.vertx().executeBlocking(() -> store.assignmentsOf(officer.id()), false).onSuccess(held -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("officer", Map.of("id", officer.id(), "name", officer.name() == null ? officer.id() : officer.name(), "unit", officer.unit()));
            if (eventsUrl != null) {
                body.put("events", eventsUrl);
            }
            if (maxPhotoBytes > 0) {
                body.put("photos", Map.of("maxBytes", maxPhotoBytes));
            }
            body.put("assignments", held.stream().map(OfficerRoutes::assignment).toList());
            ctx.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store").end(Json.toString(body));
        }).onFailure(ctx::fail);
    }

    private static Object assignment(OfficerAssignment a) {
        ObjectNode violation = EvidenceLinks.view(a.violation().toJson());
        ObjectNode command = Json.mapper().valueToTree(a.command());
        if (a.command().snapshot() != null && !EvidenceLinks.isSafe(a.command().snapshot())) {
            command.remove("snapshot");
        }
        return Map.of("command", command, "violation", violation);
    }

}
