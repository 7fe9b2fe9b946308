package io.gridwarden.alerting.api;

import io.gridwarden.alerting.report.Report;
import io.gridwarden.alerting.report.ReportCsv;
import io.gridwarden.alerting.report.ReportGrouping;
import io.gridwarden.alerting.report.ReportScan;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.ViolationFilter;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code GET /v1/reports?by=&since=&until=&jurisdiction=&category=&format=}: the assessment report of
 * cases detected in the period, grouped, scoped to the operator's jurisdictions as every operations
 * endpoint is; JSON, or CSV for a spreadsheet ({@code format=csv} or {@code Accept: text/csv}).
 */
public final class ReportRoutes {

    /** Without {@code since}: the last week. */
    static final Duration DEFAULT_PERIOD = Duration.ofDays(7);
    /** A quarter: the longest period one report covers. */
    static final Duration MAX_PERIOD = Duration.ofDays(92);
    /** The most cases one report reads (a few seconds of a worker thread); beyond, the client narrows the report. */
    static final long MAX_CASES = 250_000;

    private final ViolationStore store;
    private final Town town;
    private final Clock clock;

    public ReportRoutes(ViolationStore store, Town town, Clock clock) {
        this.store = store;
        this.town = town;
        this.clock = clock;
    }

    public void report(RoutingContext ctx) {
        Operator operator = OperatorAuth.operator(ctx);
        ViolationFilter filter;
        Report report;
        boolean csv;
        try {
            filter = RequestParams.filter(ctx, operator.jurisdictions(), false);
            report = emptyReport(ctx);
            csv = wantsCsv(ctx);
        } catch (InvalidParameter e) {
            Problems.invalid(ctx, e);
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            ReportScan.fill(store, filter, report, MAX_CASES);
            return csv ? Buffer.buffer(ReportCsv.of(report)) : Buffer.buffer(Json.toString(report.toJson()));
        }, false).onSuccess(body -> {
            if (csv) {
                ctx.response().putHeader("content-type", ReportCsv.CONTENT_TYPE)
                        .putHeader("content-disposition", "attachment; filename=\"" + ReportCsv.fileName(report) + "\"");
            } else {
                ctx.response().putHeader("content-type", "application/json");
            }
            ctx.response().end(body);
        }).onFailure(e -> {
            if (e instanceof ReportScan.TooManyCases tooMany) {
                Problems.reply(ctx, OpsProblem.REPORT_TOO_LARGE, "the period and filters cover more than " + tooMany.max()
                        + " cases; shorten the period (since, until) or narrow it by jurisdiction or category");
            } else {
                ctx.fail(e);
            }
        });
    }

    private Report emptyReport(RoutingContext ctx) {
        String byParam = RequestParams.param(ctx, "by");
        ReportGrouping by = byParam == null ? ReportGrouping.TEAM : ReportGrouping.fromWire(byParam).orElseThrow(() ->
                new InvalidParameter("by", "by must be one of " + ReportGrouping.wireNames() + ", got '" + RequestParams.shorten(byParam) + "'"));
        RequestParams.Period period = RequestParams.period(ctx, clock, DEFAULT_PERIOD);
        if (Duration.between(period.since(), period.until()).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidParameter("since", "a report covers at most " + MAX_PERIOD.toDays() + " days; got " + period.since() + " to "
                    + period.until() + ": ask for one quarter at a time");
        }
        return new Report(by, period.since(), period.until(), town);
    }

    private static boolean wantsCsv(RoutingContext ctx) {
        String format = RequestParams.param(ctx, "format");
        if (format != null) {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new InvalidParameter("format", "format must be csv or json, got '" + RequestParams.shorten(format) + "'");
            }
            return format.equals("csv");
        }
        String accept = ctx.request().getHeader("accept");
        return accept != null && accept.contains("text/csv");
    }
}
