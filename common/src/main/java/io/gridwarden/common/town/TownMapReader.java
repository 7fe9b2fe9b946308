package io.gridwarden.common.town;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the town's outline: a GeoJSON FeatureCollection of Polygon, MultiPolygon, LineString or
 * MultiLineString features whose optional properties are {@code jurisdiction} (an id of the town file),
 * {@code kind} ({@link TownMap#KINDS}; polygons default to {@code boundary}, lines to {@code road}) and
 * {@code name}. The file is bounded ({@link #MAX_BYTES}, {@link #MAX_POINTS}) so a wrong file cannot take
 * the process's memory or the browsers' drawing time; anything else is refused with what to fix.
 */
final class TownMapReader {

    static final long MAX_BYTES = 4L * 1024 * 1024;
    static final int MAX_POINTS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Set<String> jurisdictions;
    private int points;

    private TownMapReader(String source, Set<String> jurisdictions) {
        this.source = source;
        this.jurisdictions = jurisdictions;
    }

    /**
     * The outline at {@code outline}: a {@code classpath:} location, an absolute path, or a path relative to the town
     * file at {@code townLocation} (itself a path or {@code classpath:}).
     */
    static TownMap read(String outline, String townLocation, Set<String> jurisdictions) {
        String location = resolve(outline, townLocation);
        return new TownMapReader("map outline " + location, jurisdictions).parse(bytes(location));
    }

    static String resolve(String outline, String townLocation) {
        if (outline == null || outline.isBlank()) {
            throw new TownFileException("town file: map.outline is empty; give the path of a GeoJSON file, relative to the town file");
        }
        if (outline.startsWith("classpath:") || Path.of(outline).isAbsolute()) {
            return outline;
        }
        if (townLocation.startsWith("classpath:")) {
            String town = townLocation.substring("classpath:".length());
            int slash = town.lastIndexOf('/');
            return "classpath:" + (slash < 0 ? "" : town.substring(0, slash + 1)) + outline;
        }
        Path parent = Path.of(townLocation).toAbsolutePath().getParent();
        return parent.resolve(outline).normalize().toString();
    }

    private static byte[] bytes(String location) {
        try (InputStream in = open(location)) {
            byte[] read = in.readNBytes((int) MAX_BYTES + 1);
            if (read.length > MAX_BYTES) {
                throw new TownFileException("map outline " + location + " is larger than " + MAX_BYTES / 1024 / 1024
                        + " MiB; simplify it (fewer points, e.g. with mapshaper -simplify) so phones can draw it");
            }
            return read;
        } catch (IOException e) {
            throw new TownFileException("cannot read map outline " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            InputStream in = TownMapReader.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()));
            if (in == null) {
                throw new TownFileException("no map outline on the classpath at " + location);
            }
            return in;
        }
        if (!Files.isRegularFile(Path.of(location))) {
            throw new TownFileException("map outline " + location + " does not exist; map.outline is relative to the town file");
        }
        return Files.newInputStream(Path.of(location));
    }

    private TownMap parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw fail("is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw fail("cannot be read: " + e.getMessage());
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText()) || !root.path("features").isArray()) {
            throw fail("must be a GeoJSON FeatureCollection with a features array");
        }
        List<TownMap.Shape> shapes = new ArrayList<>();
        for (int i = 0; i < root.get("features").size(); i++) {
            shapes.add(shape(root.get("features").get(i), "features[" + i + "]"));
        }
        return new TownMap(shapes);
    }

    private TownMap.Shape shape(JsonNode feature, String where) {
        JsonNode geometry = feature.path("geometry");
        JsonNode properties = feature.path("properties");
        String type = geometry.path("type").asText();
        JsonNode coordinates = geometry.path("coordinates");
        List<List<double[]>> paths = new ArrayList<>();
        switch (type) {
            case "Polygon", "MultiLineString" -> lines(coordinates, where, paths);
            case "LineString" -> paths.add(line(coordinates, where));
            case "MultiPolygon" -> {
                for (int i = 0; i < coordinates.size(); i++) {
                    lines(coordinates.get(i), where + ".coordinates[" + i + "]", paths);
                }
            }
            default -> throw fail(where + ": geometry type must be Polygon, MultiPolygon, LineString or MultiLineString, got \"" + type + "\"");
        }
        String kind = text(properties, "kind", type.endsWith("Polygon") ? "boundary" : "road");
        if (!TownMap.KINDS.contains(kind)) {
            throw fail(where + ": properties.kind must be one of " + TownMap.KINDS + ", got " + kind);
        }
        String jurisdiction = text(properties, "jurisdiction", null);
        if (jurisdiction != null && !jurisdictions.contains(jurisdiction)) {
            throw fail(where + ": properties.jurisdiction " + jurisdiction + " is not a jurisdiction of the town file");
        }
        return new TownMap.Shape(kind, jurisdiction, text(properties, "name", null), paths);
    }

    private void lines(JsonNode lines, String where, List<List<double[]>> into) {
        if (!lines.isArray() || lines.isEmpty()) {
            throw fail(where + ": coordinates must be a non-empty array of lines");
        }
        for (int i = 0; i < lines.size(); i++) {
            into.add(line(lines.get(i), where + "[" + i + "]"));
        }
    }

    private List<double[]> line(JsonNode line, String where) {
        if (!line.isArray() || line.size() < 2) {
            throw fail(where + ": a line needs at least two [lon, lat] positions");
        }
        List<double[]> out = new ArrayList<>(line.size());
        for (JsonNode position : line) {
            if (++points > MAX_POINTS) {
                throw fail("has more than " + MAX_POINTS + " positions; simplify it so phones can draw it");
            }
            double lon = position.path(0).asDouble(Double.NaN);
            double lat = position.path(1).asDouble(Double.NaN);
            if (!position.path(0).isNumber() || !position.path(1).isNumber() || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
                throw fail(where + ": each position must be [lon, lat] in degrees (lon -180..180, lat -90..90), got " + position);
            }
            out.add(new double[] {lon, lat});
        }
        return out;
    }

    private static String text(JsonNode properties, String field, String otherwise) {
        JsonNode value = properties.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : otherwise;
    }

    private TownFileException fail(String what) {
        return new TownFileException(source + " " + what);
    }
}
