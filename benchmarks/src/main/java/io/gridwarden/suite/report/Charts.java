package io.gridwarden.suite.report;

import io.gridwarden.suite.e2e.LatencyFigures;
import io.gridwarden.suite.log.ClosedLoopAppends;
import io.gridwarden.suite.rules.RuleComparison;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The summary's PNG charts (XChart), one per comparison. */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private Charts() {}

    /** Throughput against p99 latency: one line per system through its rates (medians). */
    public static void throughputVsLatency(String title, List<RatePoint> medians, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("events/s acknowledged")
                .yAxisTitle("p99 ack latency (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        medians.stream().map(RatePoint::system).distinct().forEach(system -> {
            List<RatePoint> points = medians.stream().filter(p -> p.system().equals(system) && p.p99Millis() > 0).toList();
            if (!points.isEmpty()) {
                chart.addSeries(system, points.stream().map(RatePoint::ackedEventsPerSecond).toList(),
                        points.stream().map(RatePoint::p99Millis).toList()).setMarker(SeriesMarkers.CIRCLE);
            }
        });
        save(chart, png);
    }

    /** Durable appends per second by concurrency, one bar per log (all rounds' median). */
    public static void log(List<ClosedLoopAppends.Figures> figures, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Durable log: fsynced appends, 100-event batches")
                .xAxisTitle("concurrent appenders").yAxisTitle("events/s").build();
        List<Integer> levels = figures.stream().map(ClosedLoopAppends.Figures::appenders).distinct().sorted().toList();
        figures.stream().map(ClosedLoopAppends.Figures::system).distinct().forEach(system -> {
            List<Double> values = new ArrayList<>();
            for (int n : levels) {
                List<Double> v = figures.stream().filter(f -> f.system().equals(system) && f.appenders() == n)
                        .map(ClosedLoopAppends.Figures::eventsPerSecond).sorted().toList();
                values.add(v.isEmpty() ? 0 : v.get(v.size() / 2));
            }
            chart.addSeries(system, levels.stream().map(String::valueOf).toList(), values);
        });
        save(chart, png);
    }

    public static void rules(List<RuleComparison.Figures> figures, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Dwell rule evaluation, one thread")
                .yAxisTitle("frames/s").build();
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("frames/s", figures.stream().map(RuleComparison.Figures::engine).toList(),
                figures.stream().map(RuleComparison.Figures::framesPerSecond).toList());
        save(chart, png);
    }

    /**
     * Per background rate and percentile, a stacked bar of the stages after a violation is due: the
     * watermark's design floor, then detection until the action is in the log (seen on the SSE stream),
     * then delivery until the command is at the device. Stages are differences of percentiles: approximate.
     */
    public static void endToEnd(List<LatencyFigures> figures, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("End to end, per stage: violation due → action log → voice warning at the camera")
                .xAxisTitle("background events/s, percentile").yAxisTitle("ms after the violation was due").build();
        chart.getStyler().setStacked(true);
        List<String> categories = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> detection = new ArrayList<>();
        List<Double> delivery = new ArrayList<>();
        for (LatencyFigures f : figures) {
            for (boolean p99 : new boolean[] {false, true}) {
                double log = nan0(p99 ? f.toActionLog().p99() : f.toActionLog().p50());
                double device = nan0(p99 ? f.toDevice().p99() : f.toDevice().p50());
                categories.add(String.format("%,d %s", f.backgroundEventsPerSecond(), p99 ? "p99" : "p50"));
                floor.add(Comparisons.WATERMARK_FLOOR_MILLIS);
                detection.add(Math.max(0, log - Comparisons.WATERMARK_FLOOR_MILLIS));
                delivery.add(Math.max(0, device - Math.max(log, Comparisons.WATERMARK_FLOOR_MILLIS)));
            }
        }
        chart.addSeries(String.format("watermark delay (design floor, %.0f ms)", Comparisons.WATERMARK_FLOOR_MILLIS), categories, floor);
        chart.addSeries("→ action in the log (SSE)", categories, detection);
        chart.addSeries("→ command at the device", categories, delivery);
        save(chart, png);
    }

    private static double nan0(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) throws IOException {
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
