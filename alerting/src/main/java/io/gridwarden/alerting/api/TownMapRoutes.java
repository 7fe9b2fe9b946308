package io.gridwarden.alerting.api;

import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The town's outline for maps drawn without internet ({@link TownMap}, from the town file's {@code map.outline}):
 * {@code GET /v1/town/map} for operators, the shapes of their jurisdictions and the town-wide ones (roads, rivers);
 * {@code GET /v1/officer/map} for officers, every shape (under "1+X" they may be sent anywhere in the town). No
 * outline in the town file: no shapes, and the pages draw their schematic map.
 */
public final class TownMapRoutes {

    private final TownMap map;
    private final String everything;

    public TownMapRoutes(Town town) {
        this.map = town.map().orElse(new TownMap(List.of()));
        this.everything = body(map.shapes());
    }

    public void forOperator(RoutingContext ctx) {
        List<String> scope = OperatorAuth.operator(ctx).jurisdictions();
        reply(ctx, scope.contains(ViolationFilter.ALL_JURISDICTIONS) ? everything : body(visibleIn(map, scope)));
    }

    public void forOfficer(RoutingContext ctx) {
        reply(ctx, everything);
    }

    /** The shapes of these jurisdictions, and those of none (the town's as a whole). */
    static List<TownMap.Shape> visibleIn(TownMap map, Collection<String> jurisdictions) {
        return map.shapes().stream().filter(s -> s.jurisdiction() == null || jurisdictions.contains(s.jurisdiction())).toList();
    }

    private static String body(List<TownMap.Shape> shapes) {
        return Json.toString(Map.of("shapes", shapes));
    }

    private static void reply(RoutingContext ctx, String body) {
        ctx.response().putHeader("content-type", "application/json").end(body);
    }
}
