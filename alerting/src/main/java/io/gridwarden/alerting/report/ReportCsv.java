package io.gridwarden.alerting.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An assessment report as CSV for a spreadsheet: UTF-8 with a byte-order mark (without it Excel reads
 * the file as the local ANSI code page and garbles Chinese team and officer names), RFC 4180 (CRLF
 * lines, a field with a comma, quote or line break in double quotes, quotes doubled), one row per
 * group then the total. A text cell that starts with {@code = + - @}, a tab or a carriage return is
 * prefixed with {@code '}, so a name from the town file (or a device's grid) is never run as a formula.
 */
public final class ReportCsv {

    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String CRLF = "\r\n";

    private ReportCsv() {}

    public static byte[] of(Report report) {
        StringBuilder out = new StringBuilder();
        line(out, header());
        report.groups().forEach(g -> line(out, row(report.by().wireName(), g)));
        line(out, row("total", report.total()));
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, file, 0, BOM.length);
        System.arraycopy(text, 0, file, BOM.length, text.length);
        return file;
    }

    /** The file name to offer: {@code gridwarden-report-<by>-<since day>-<until day>.csv}. */
    public static String fileName(Report report) {
        return "gridwarden-report-" + report.by().wireName() + "-" + report.since().toString().substring(0, 10) + "-"
                + report.until().toString().substring(0, 10) + ".csv";
    }

    private static List<String> header() {
        List<String> cells = new ArrayList<>(List.of("group", "key", "name", "cases", "settled_by_warning_share"));
        for (String time : GroupTotals.TIMES) {
            for (String p : new String[] {"p50", "p90", "p99"}) {
                cells.add(time + "_" + p + "_s");
            }
        }
        cells.addAll(List.of("reassignments", "rejections", "crossed_to_neighbour"));
        return cells;
    }

    private static List<String> row(String group, GroupTotals g) {
        List<String> cells = new ArrayList<>(List.of(text(group), text(g.key()), text(g.name()), Long.toString(g.cases()),
                number(g.settledByWarningShare())));
        for (String time : GroupTotals.TIMES) {
            for (double p : new double[] {50, 90, 99}) {
                cells.add(number(g.seconds(time, p)));
            }
        }
        cells.addAll(List.of(Long.toString(g.reassignments()), Long.toString(g.rejections()), Long.toString(g.crossedToNeighbour())));
        return cells;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quoted(cells.get(i)));
        }
        out.append(CRLF);
    }

    /** A text cell made harmless to a spreadsheet's formula parser. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }

    /** RFC 4180: quoted when it holds a comma, a double quote or a line break; quotes doubled. */
    static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
