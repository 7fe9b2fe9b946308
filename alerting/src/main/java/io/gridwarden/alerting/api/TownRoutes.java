package io.gridwarden.alerting.api;

import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.AssignableUnits;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/town}: what the dashboard's map draws, limited to the operator's jurisdictions:
 * jurisdictions, cameras and sensors with their positions, and officers with their latest position
 * and status (from the action log's officer updates), plus who the operator is.
 *
 * <p>Officers (and their positions) are only those an operator deals with ({@link AssignableUnits}): a
 * viewer sees the officers of the units responsible in their jurisdictions (their own teams, and the
 * departments such as the water bureau that handle a category there); a dispatcher or admin also sees the
 * neighbours' teams they may assign under "1+X". An operator of every jurisdiction ({@code *}) sees all.
 */
public final class TownRoutes {

    private final Town town;
    private final ViolationStore store;
    private final AssignableUnits assignable;

    public TownRoutes(Town town, ViolationStore store) {
        this.town = town;
        this.store = store;
        this.assignable = new AssignableUnits(town);
    }

    public void town(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        List<String> scope = operator.jurisdictions();
        boolean all = scope.contains(ViolationFilter.ALL_JURISDICTIONS);
        Set<String> units = ManualActions.ACTING_ROLES.contains(operator.role()) ? assignable.assignableIn(scope)
                : assignable.responsibleIn(scope);
        ctx.vertx().executeBlocking(store::officers, false).onSuccess(positions -> {
            Map<String, Action.OfficerPosition> latest = positions.stream()
                    .collect(Collectors.toMap(Action.OfficerPosition::officer, Function.identity(), (a, b) -> b));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", town.name());
            body.put("operator", fields("id", operator.id(), "name", operator.name(), "role", operator.role(),
                    "jurisdictions", scope, "canAct", ManualActions.ACTING_ROLES.contains(operator.role())));
            body.put("jurisdictions", town.jurisdictions().stream().filter(j -> all || scope.contains(j.id()))
                    .map(j -> fields("id", j.id(), "name", j.name())).toList());
            body.put("categories", town.categories().stream().map(c -> fields("id", c.id(), "name", c.name())).toList());
            body.put("cameras", town.cameras().stream().filter(c -> all || scope.contains(c.jurisdiction()))
                    .map(c -> fields("id", c.id(), "lat", c.lat(), "lon", c.lon(), "jurisdiction", c.jurisdiction(), "grid", c.grid()))
                    .toList());
            body.put("sensors", town.sensors().stream().filter(s -> all || scope.contains(s.jurisdiction()))
                    .map(s -> fields("id", s.id(), "lat", s.lat(), "lon", s.lon(), "jurisdiction", s.jurisdiction())).toList());
            body.put("officers", town.officers().stream().filter(o -> all || units.contains(o.unit()))
                    .map(o -> officer(o, latest.get(o.id()))).toList());
            ctx.response().putHeader("content-type", "application/json").end(Json.toString(body));
        }).onFailure(ctx::fail);
    }

    /** A JSON object from name/value pairs, leaving out null values. */
    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    private static Map<String, Object> officer(io.gridwarden.common.town.TownFile.Officer o, Action.OfficerPosition at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("unit", o.unit());
        if (at != null) {
            m.put("lat", at.lat());
            m.put("lon", at.lon());
            m.put("status", at.status());
            m.put("at", at.at());
        }
        return m;
    }
}
