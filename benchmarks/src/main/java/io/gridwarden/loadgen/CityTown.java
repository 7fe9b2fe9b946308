package io.gridwarden.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.gridwarden.simulator.DeviceClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A city-sized town file: the demo town's twelve categories and rules, over as many districts as the
 * cameras need (each a jurisdiction with its own team, laid out on a grid whose neighbours back each
 * other up, "1+X"), river sensors and a county water bureau. Tokens follow the demo's convention
 * ({@code demo-<id>}, stored hashed), so the load generator and the simulator can play any city it
 * makes. The same seed gives the same city. Its first camera, like the demo's cam-0001, watches
 * for parking with a 60 s dwell and a 30 s grace; {@link #withShortParkingRules} gives more cameras that rule.
 */
public final class CityTown {

    /** Cameras per district, as in the demo town. */
    static final int CAMERAS_PER_DISTRICT = 134;
    /** Degrees between district centres (about 5.5 km). */
    private static final double DISTRICT_SPACING = 0.05;
    private static final double CENTRE_LAT = 30.27;
    private static final double CENTRE_LON = 120.15;
    private static final List<String> CAMERA_CATEGORIES = List.of("illegal_parking", "street_vending", "outside_store_business",
            "road_occupation", "non_motor_parking", "street_drying", "illegal_advertising", "garbage_exposure", "construction_waste",
            "open_burning", "river_floating_debris");
    private static final List<List<Double>> LOWER_HALF = List.of(List.of(0.0, 0.5), List.of(1.0, 0.5), List.of(1.0, 1.0), List.of(0.0, 1.0));
    private static final List<List<Double>> UPPER_LEFT = List.of(List.of(0.0, 0.2), List.of(0.45, 0.2), List.of(0.45, 0.5), List.of(0.0, 0.5));

    /** 0: only the first camera has the short parking rule; n: every n-th camera (the first, the (n+1)-th, …). */
    private final int shortRulesEvery;

    public CityTown() {
        this(0);
    }

    private CityTown(int shortRulesEvery) {
        this.shortRulesEvery = shortRulesEvery;
    }

    /**
     * A city in which every {@code n}-th camera (cam-00001, then every n-th after it) watches its lower half for
     * parking with cam-00001's 60 s dwell and 30 s grace, so that a car parked there is warned within minutes.
     */
    public CityTown withShortParkingRules(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("every n-th camera needs n ≥ 1, not " + n);
        }
        return new CityTown(n);
    }

    /** Whether camera number {@code c} (from 0) has the short parking rule. */
    public boolean hasShortParkingRule(int c) {
        return c == 0 || shortRulesEvery > 0 && c % shortRulesEvery == 0;
    }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** What to generate: counts of each kind of device; officers are per district. */
    public record Size(int cameras, int sensorsPerDistrict, int officersPerDistrict, long seed) {
        public Size {
            if (cameras < 1 || sensorsPerDistrict < 0 || officersPerDistrict < 1) {
                throw new IllegalArgumentException("a city needs at least 1 camera and 1 officer per district; sensors may be 0");
            }
        }

        int districts() {
            return (cameras + CAMERAS_PER_DISTRICT - 1) / CAMERAS_PER_DISTRICT;
        }
    }

    /** Writes the city's town file to {@code out} and checks that gridwarden loads it. */
    public Town write(Size size, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(out, "# A generated city (loadgen city): tokens are demo-<device id>, stored hashed. For load tests only.\n"
                + yaml.writeValueAsString(city(size)));
        return Town.load(out.toString());
    }

    /** The town file as a tree. */
    ObjectNode city(Size size) {
        JsonNode demo = demoTown();
        ObjectNode city = yaml.createObjectNode()
                .put("name", String.format(Locale.ROOT, "city-%d-cameras", size.cameras()))
                .put("timezone", demo.get("timezone").asText())
                .put("officerStatusFreshness", demo.get("officerStatusFreshness").asText());
        int side = (int) Math.ceil(Math.sqrt(size.districts()));
        ArrayNode jurisdictions = city.putArray("jurisdictions");
        ArrayNode units = city.putArray("units");
        for (int d = 0; d < size.districts(); d++) {
            ObjectNode jurisdiction = jurisdictions.addObject().put("id", district(d)).put("name", "District " + (d + 1));
            ArrayNode neighbours = jurisdiction.putArray("neighbours");
            neighbourIndexes(d, side, size.districts()).forEach(n -> neighbours.add(district(n)));
            units.addObject().put("id", district(d)).put("name", "District " + (d + 1) + " enforcement team").put("jurisdiction", district(d));
        }
        units.addObject().put("id", "water-bureau").put("name", "County water bureau");
        // The demo's offence categories; not device_offline: a city sends no heartbeats, so nobody is judged offline.
        ArrayNode categories = city.putArray("categories");
        demo.get("categories").forEach(c -> {
            if (!Town.DEVICE_OFFLINE.equals(c.get("id").asText())) {
                categories.add(c);
            }
        });
        var random = new SplittableRandom(size.seed());
        cameras(size, side, random, city.putArray("cameras"));
        sensors(size, side, random, city.putArray("sensors"));
        officers(size, city.putArray("officers"));
        operators(city.putArray("operators"));
        return city;
    }

    private void cameras(Size size, int side, SplittableRandom random, ArrayNode cameras) {
        for (int c = 0; c < size.cameras(); c++) {
            int d = c / CAMERAS_PER_DISTRICT;
            double[] at = near(d, side, random);
            String id = String.format(Locale.ROOT, "cam-%05d", c + 1);
            ObjectNode camera = cameras.addObject().put("id", id).put("lat", at[0]).put("lon", at[1]).put("jurisdiction", district(d))
                    .put("grid", district(d) + "-g" + (c % 8 + 1)).put("tokenHash", Secrets.hash(DeviceClient.demoToken(id)));
            ArrayNode zones = camera.putArray("zones");
            boolean shortRule = hasShortParkingRule(c);
            String category = shortRule ? "illegal_parking" : CAMERA_CATEGORIES.get(c % CAMERA_CATEGORIES.size());
            ObjectNode main = zones.addObject().setAll(zone(category, LOWER_HALF));
            if (shortRule) {
                // like the demo's cam-0001: a short rule, so the loop (and the end-to-end probe) shows within minutes
                main.put("dwell", "60s").put("grace", "30s");
            }
            if (!category.equals("illegal_parking") && c % 3 == 2) {
                zones.add(zone("illegal_parking", UPPER_LEFT));
            }
        }
    }

    private ObjectNode zone(String category, List<List<Double>> polygon) {
        ObjectNode zone = yaml.createObjectNode().put("id", "z-" + category.replace('_', '-')).put("category", category);
        zone.set("polygon", yaml.valueToTree(polygon));
        return zone;
    }

    private void sensors(Size size, int side, SplittableRandom random, ArrayNode sensors) {
        for (int d = 0; d < size.districts(); d++) {
            for (int s = 0; s < size.sensorsPerDistrict(); s++) {
                double[] at = near(d, side, random);
                String id = String.format(Locale.ROOT, "wl-%03d-%02d", d + 1, s + 1);
                sensors.addObject().put("id", id).put("lat", at[0]).put("lon", at[1]).put("jurisdiction", district(d))
                        .put("grid", district(d) + "-river").put("category", "river_water_level")
                        .put("tokenHash", Secrets.hash(DeviceClient.demoToken(id)));
            }
        }
    }

    private void officers(Size size, ArrayNode officers) {
        int n = 0;
        for (int d = 0; d < size.districts(); d++) {
            for (int o = 0; o < size.officersPerDistrict(); o++) {
                // one officer in eight of each district works for the county water bureau, which covers every river
                String unit = o % 8 == 7 ? "water-bureau" : district(d);
                String id = String.format(Locale.ROOT, "off-%05d", ++n);
                officers.addObject().put("id", id).put("name", "Officer " + n).put("unit", unit)
                        .put("tokenHash", Secrets.hash(DeviceClient.demoToken(id)));
            }
        }
    }

    /** The city's admin and the first district's dispatcher; as in the demo, an operator's token is its id. */
    private static void operators(ArrayNode operators) {
        operators.addObject().put("id", "demo-admin").put("name", "City command centre").put("role", "admin")
                .put("tokenHash", Secrets.hash("demo-admin")).putArray("jurisdictions").add("*");
        String dispatcher = "demo-dispatcher-" + district(0);
        operators.addObject().put("id", dispatcher).put("name", "District 1 dispatcher").put("role", "dispatcher")
                .put("tokenHash", Secrets.hash(dispatcher)).putArray("jurisdictions").add(district(0));
    }

    static String district(int index) {
        return String.format(Locale.ROOT, "d%03d", index + 1);
    }

    /** The districts left, right, above and below on the grid. */
    static List<Integer> neighbourIndexes(int d, int side, int districts) {
        int row = d / side;
        int col = d % side;
        return java.util.stream.Stream.of(new int[] {row - 1, col}, new int[] {row + 1, col}, new int[] {row, col - 1}, new int[] {row, col + 1})
                .filter(rc -> rc[0] >= 0 && rc[1] >= 0 && rc[1] < side)
                .map(rc -> rc[0] * side + rc[1])
                .filter(n -> n < districts)
                .toList();
    }

    /** A random place within a district (a square about 4 km across around its centre). */
    private static double[] near(int d, int side, SplittableRandom random) {
        double lat = CENTRE_LAT + (d / side - side / 2.0) * DISTRICT_SPACING;
        double lon = CENTRE_LON + (d % side - side / 2.0) * DISTRICT_SPACING;
        return new double[] {round(lat + random.nextDouble(-0.018, 0.018)), round(lon + random.nextDouble(-0.018, 0.018))};
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private JsonNode demoTown() {
        String resource = Town.DEMO.substring("classpath:".length());
        try (InputStream in = CityTown.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the demo town is not on the classpath at " + resource);
            }
            return yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo town", e);
        }
    }
}
