package io.gridwarden.suite.report;

import java.util.List;
import java.util.Locale;

/** The summary's Markdown table: figure, gridwarden's value, the peer, the peer's value, the ratio. */
public final class SummaryTable {

    private SummaryTable() {}

    public static String markdown(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| Section | Figure | gridwarden | Peer | Peer's figure | Ratio (gridwarden ÷ peer) | Note |\n");
        md.append("|---|---|---:|---|---:|---:|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.section())
                    .append(" | ").append(row.figure())
                    .append(" | ").append(value(row.ours(), row.oursAtLeast(), row.unit()))
                    .append(" | ").append(row.peer())
                    .append(" | ").append(value(row.peerValue(), row.peerAtLeast(), row.unit()))
                    .append(" | ").append(ratio(row))
                    .append(" | ").append(row.note().replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** A figure with its unit; {@code ≥} when it reached the highest load offered. */
    static String value(double v, boolean atLeast, String unit) {
        if (Double.isNaN(v)) {
            return "—";
        }
        String number = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.2f", v);
        return (atLeast ? "≥ " : "") + number + " " + unit;
    }

    /** The ratio; a ratio involving a figure that reached the highest load offered is a bound, not a measurement. */
    static String ratio(Row row) {
        double r = row.ratio();
        if (Double.isNaN(r)) {
            return "—";
        }
        String bound = row.oursAtLeast() != row.peerAtLeast() ? (row.oursAtLeast() ? " (at least)" : " (at most)")
                : row.oursAtLeast() ? " (both at the top rate)" : "";
        return String.format(Locale.ROOT, "%.2f×%s", r, bound);
    }
}
