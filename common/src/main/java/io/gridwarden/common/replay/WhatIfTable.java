package io.gridwarden.common.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link WhatIfReport} as a plain-text table for a terminal: live | candidate | change, per figure. */
public final class WhatIfTable {

    private static final String[] FIGURES = {"cases", "warnings", "dispatches", "settled by warning", "share settled"};

    private WhatIfTable() {}

    public static String render(WhatIfReport report) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"category / zone", "figure", "live", "candidate", "change"});
        addCounts(lines, "total", report.live().total(), report.candidate().total());
        for (WhatIfReport.Row row : report.rows()) {
            addCounts(lines, row.category() + " / " + row.zone(), row.live(), row.candidate());
        }
        for (WhatIfReport.OfficerRow officer : report.officers()) {
            lines.add(new String[] {"officer " + officer.officer(), "cases dispatched", "" + officer.live(), "" + officer.candidate(),
                    change(officer.live(), officer.candidate())});
        }
        StringBuilder out = new StringBuilder();
        out.append("What-if ").append(report.from()).append(" .. ").append(report.until()).append(": live rules vs ")
                .append(report.candidateTown()).append('\n');
        out.append(format(lines));
        out.append(report.differs() ? "The candidate decides differently.\n" : "The candidate decides as the live rules did.\n");
        return out.toString();
    }

    private static void addCounts(List<String[]> lines, String label, DecisionSummary.Counts live, DecisionSummary.Counts candidate) {
        int[] l = {live.cases(), live.warnings(), live.dispatches(), live.settledByWarning()};
        int[] c = {candidate.cases(), candidate.warnings(), candidate.dispatches(), candidate.settledByWarning()};
        for (int i = 0; i < l.length; i++) {
            lines.add(new String[] {i == 0 ? label : "", FIGURES[i], "" + l[i], "" + c[i], change(l[i], c[i])});
        }
        lines.add(new String[] {"", FIGURES[4], share(live.settledByWarningShare()), share(candidate.settledByWarningShare()), ""});
    }

    private static String change(int live, int candidate) {
        return candidate == live ? "" : String.format(Locale.ROOT, "%+d", candidate - live);
    }

    private static String share(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String format(List<String[]> lines) {
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                String cell = i >= 2 ? " ".repeat(widths[i] - line[i].length()) + line[i] : line[i] + " ".repeat(widths[i] - line[i].length());
                out.append(cell).append(i + 1 < line.length ? "  " : "");
            }
            out.append('\n');
        }
        return out.toString().lines().map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n");
    }
}
