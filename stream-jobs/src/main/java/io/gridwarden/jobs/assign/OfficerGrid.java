package io.gridwarden.jobs.assign;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A bucket index of positions on a grid of {@link #CELL_DEGREES} cells, for "nearest eligible" queries
 * that do not scan every officer.
 *
 * <p>The search visits rings of cells around the query point, nearest ring first, and stops once the
 * next ring cannot hold anything nearer than the best found. With officers spread over a town that is
 * a few cells; the worst case (nobody eligible) still visits every occupied cell once. Pure Java, no
 * geometry library: a town needs only points and great-circle distances.
 */
public final class OfficerGrid {

    /** About 1.1 km north–south: a handful of officers per cell in a town. */
    public static final double CELL_DEGREES = 0.01;
    private static final double METRES_PER_DEGREE = Math.toRadians(GreatCircle.EARTH_RADIUS_METRES);

    private final Map<Long, Set<String>> cells = new HashMap<>();
    private final Map<String, double[]> positions = new HashMap<>();
    private int minRow = Integer.MAX_VALUE;
    private int maxRow = Integer.MIN_VALUE;
    private int minCol = Integer.MAX_VALUE;
    private int maxCol = Integer.MIN_VALUE;
    private double maxAbsLat;

    /** A match and its distance in metres. */
    public record Nearest(String id, double metres) {}

    public void put(String id, double lat, double lon) {
        double[] old = positions.get(id);
        if (old != null) {
            if (old[0] == lat && old[1] == lon) {
                return;
            }
            remove(id);
        }
        int row = row(lat);
        int col = col(lon);
        positions.put(id, new double[] {lat, lon});
        cells.computeIfAbsent(key(row, col), k -> new LinkedHashSet<>()).add(id);
        // Bounds only grow: a stale bound costs a few empty rings, never a wrong answer.
        minRow = Math.min(minRow, row);
        maxRow = Math.max(maxRow, row);
        minCol = Math.min(minCol, col);
        maxCol = Math.max(maxCol, col);
        maxAbsLat = Math.max(maxAbsLat, Math.min(89, Math.abs(lat) + CELL_DEGREES));
    }

    public void remove(String id) {
        double[] old = positions.remove(id);
        if (old != null) {
            Set<String> cell = cells.get(key(row(old[0]), col(old[1])));
            cell.remove(id);
            if (cell.isEmpty()) {
                cells.remove(key(row(old[0]), col(old[1])));
            }
        }
    }

    public int size() {
        return positions.size();
    }

    /**
     * The eligible entry nearest to ({@code lat}, {@code lon}); among equally near ones the least by
     * {@code tieBreak}.
     */
    public Optional<Nearest> nearest(double lat, double lon, Predicate<String> eligible, Comparator<String> tieBreak) {
        if (positions.isEmpty()) {
            return Optional.empty();
        }
        int row = row(lat);
        int col = col(lon);
        int lastRing = Math.max(Math.max(Math.abs(row - minRow), Math.abs(row - maxRow)),
                Math.max(Math.abs(col - minCol), Math.abs(col - maxCol)));
        double cellMetres = CELL_DEGREES * METRES_PER_DEGREE * Math.cos(Math.toRadians(maxAbsLat));
        Nearest best = null;
        for (int ring = 0; ring <= lastRing; ring++) {
            if (best != null && (ring - 1) * cellMetres > best.metres()) {
                break; // everything in this ring and beyond is farther than the best so far
            }
            for (int r = row - ring; r <= row + ring; r++) {
                boolean edgeRow = r == row - ring || r == row + ring;
                for (int c = col - ring; c <= col + ring; c += edgeRow || ring == 0 ? 1 : 2 * ring) {
                    best = bestInCell(cells.get(key(r, c)), lat, lon, eligible, tieBreak, best);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private Nearest bestInCell(Set<String> cell, double lat, double lon, Predicate<String> eligible, Comparator<String> tieBreak,
            Nearest best) {
        if (cell == null) {
            return best;
        }
        for (String id : cell) {
            if (!eligible.test(id)) {
                continue;
            }
            double[] p = positions.get(id);
            double d = GreatCircle.metres(lat, lon, p[0], p[1]);
            if (best == null || d < best.metres() || (d == best.metres() && tieBreak.compare(id, best.id()) < 0)) {
                best = new Nearest(id, d);
            }
        }
        return best;
    }

    private static int row(double lat) {
        return (int) Math.floor(lat / CELL_DEGREES);
    }

    private static int col(double lon) {
        return (int) Math.floor(lon / CELL_DEGREES);
    }

    private static long key(int row, int col) {
        return ((long) row << 32) | (col & 0xffffffffL);
    }
}
