package io.gridwarden.common.town;

import java.util.List;
import java.util.Objects;

/**
 * The town's outline for maps drawn without internet: jurisdiction boundaries, roads and rivers as lines of
 * {@code [lon, lat]} points, read from the GeoJSON file the town file names ({@code map: {outline: …}}) and
 * checked by {@link TownMapReader}. Only for drawing: no decision depends on it.
 *
 * @param shapes what to draw, in the file's order (later over earlier)
 */
public record TownMap(List<Shape> shapes) {

    /** The kinds of shape, each drawn in its own style. */
    public static final List<String> KINDS = List.of("boundary", "road", "river");

    public TownMap {
        shapes = List.copyOf(shapes);
    }

    /**
     * One feature of the file.
     *
     * @param kind         {@code boundary} (closed rings, filled), {@code road} or {@code river} (lines)
     * @param jurisdiction the jurisdiction it belongs to; null: the town's as a whole (shown to everyone)
     * @param name         a label; may be null
     * @param paths        its rings or lines, each a list of {@code [lon, lat]}
     */
    public record Shape(String kind, String jurisdiction, String name, List<List<double[]>> paths) {
        public Shape {
            Objects.requireNonNull(kind, "kind");
            paths = List.copyOf(paths);
        }
    }
}
