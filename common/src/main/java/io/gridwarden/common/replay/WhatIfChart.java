package io.gridwarden.common.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link WhatIfReport} as one self-contained HTML page: grouped bars (live grey, candidate blue) for the
 * totals, per category and zone, and per officer, drawn in inline SVG. No script, no font, nothing loaded
 * from anywhere: it opens offline in any browser, and can be mailed.
 */
public final class WhatIfChart {

    private static final int BAR = 14;
    private static final int LABEL_WIDTH = 260;
    private static final int PLOT_WIDTH = 420;
    private static final String LIVE = "#9e9e9e";
    private static final String CANDIDATE = "#1e6fd9";

    private WhatIfChart() {}

    private record Bar(String label, int live, int candidate) {}

    public static String render(WhatIfReport report) {
        List<Bar> totals = new ArrayList<>();
        DecisionSummary.Counts l = report.live().total();
        DecisionSummary.Counts c = report.candidate().total();
        totals.add(new Bar("cases", l.cases(), c.cases()));
        totals.add(new Bar("warnings", l.warnings(), c.warnings()));
        totals.add(new Bar("dispatches", l.dispatches(), c.dispatches()));
        totals.add(new Bar("settled by warning", l.settledByWarning(), c.settledByWarning()));
        List<Bar> dispatchesByZone = report.rows().stream()
                .map(r -> new Bar(r.category() + " / " + r.zone(), r.live().dispatches(), r.candidate().dispatches())).toList();
        List<Bar> officers = report.officers().stream().map(o -> new Bar(o.officer(), o.live(), o.candidate())).toList();
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gridwarden what-if</title></head>\n"
                + "<body style=\"font-family:sans-serif;margin:24px\">\n"
                + "<h1 style=\"font-size:20px\">What-if " + escape(report.from() + " .. " + report.until()) + "</h1>\n"
                + "<p>Live rules (<span style=\"color:" + LIVE + "\">■ grey</span>) against " + escape(report.candidateTown())
                + " (<span style=\"color:" + CANDIDATE + "\">■ blue</span>). Share settled by warning: "
                + share(l.settledByWarningShare()) + " live, " + share(c.settledByWarningShare()) + " candidate.</p>\n"
                + section("Totals", totals) + section("Dispatches per category and zone", dispatchesByZone)
                + section("Cases dispatched per officer", officers) + "</body></html>\n";
    }

    private static String section(String title, List<Bar> bars) {
        if (bars.isEmpty()) {
            return "<h2 style=\"font-size:16px\">" + escape(title) + "</h2><p>none</p>\n";
        }
        int max = Math.max(1, bars.stream().mapToInt(b -> Math.max(b.live(), b.candidate())).max().orElse(1));
        int rowHeight = 2 * BAR + 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width=\"").append(LABEL_WIDTH + PLOT_WIDTH + 60)
                .append("\" height=\"").append(bars.size() * rowHeight).append("\" role=\"img\" aria-label=\"").append(escape(title))
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * rowHeight;
            svg.append("<text x=\"0\" y=\"").append(y + BAR + 4).append("\">").append(escape(bar.label())).append("</text>\n");
            svg.append(rect(y, bar.live(), max, LIVE)).append(rect(y + BAR, bar.candidate(), max, CANDIDATE));
        }
        return "<h2 style=\"font-size:16px\">" + escape(title) + "</h2>\n" + svg.append("</svg>\n");
    }

    private static String rect(int y, int value, int max, String colour) {
        int width = Math.round((float) value * PLOT_WIDTH / max);
        return "<rect x=\"" + LABEL_WIDTH + "\" y=\"" + y + "\" width=\"" + width + "\" height=\"" + (BAR - 2) + "\" fill=\"" + colour
                + "\"/><text x=\"" + (LABEL_WIDTH + width + 4) + "\" y=\"" + (y + BAR - 3) + "\">" + value + "</text>\n";
    }

    private static String share(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
