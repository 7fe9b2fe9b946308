package io.gridwarden.common.town;

import io.gridwarden.common.town.TownFile.Nvr;
import io.gridwarden.common.town.TownFile.NvrCamera;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the town file's NVRs and resolves each into a {@link FrigateNvr}: every camera mapped is a camera of
 * the town and mapped once, every detect resolution is a real one, the topic prefix is one Frigate can publish under.
 */
final class NvrChecker {

    /** Larger than any camera's detect stream (Frigate detects on a downscaled stream, 1280×720 to 1920×1080). */
    static final int MAX_DETECT_PIXELS = 8192;
    /** A topic prefix Frigate accepts and that names no wildcard: letters, digits, {@code _ - .} and inner slashes. */
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final int MAX_TOPIC_PREFIX = 64;

    private final Town town;
    private final Map<String, String> mappedBy = new HashMap<>(); // town camera → the NVR that maps it

    NvrChecker(Town town) {
        this.town = town;
    }

    /** The NVRs resolved, by id; throws {@link TownFileException} naming the entry to fix. */
    Map<String, FrigateNvr> check(List<Nvr> nvrs) {
        Map<String, FrigateNvr> resolved = new LinkedHashMap<>();
        for (Nvr nvr : nvrs == null ? List.<Nvr>of() : nvrs) {
            require(nvr != null, "an entry of the nvrs list is empty (~ or null); remove it");
            require(nvr.id() != null && resolved.get(nvr.id()) == null, "nvr id " + nvr.id() + " is missing or used twice");
            resolved.put(nvr.id(), resolve(nvr));
        }
        return resolved;
    }

    private FrigateNvr resolve(Nvr nvr) {
        String at = "nvr " + nvr.id();
        require(nvr.tokenHash() != null, at + " needs a tokenHash (sha256:…)");
        require(nvr.jurisdiction() == null || town.jurisdictionIndex().containsKey(nvr.jurisdiction()),
                at + " is in unknown jurisdiction " + nvr.jurisdiction());
        String prefix = nvr.topicPrefix() == null ? FrigateNvr.DEFAULT_TOPIC_PREFIX : nvr.topicPrefix();
        require(prefix.length() <= MAX_TOPIC_PREFIX && TOPIC_PREFIX.matcher(prefix).matches() && !prefix.startsWith("devices"),
                at + " has topicPrefix \"" + prefix + "\"; write Frigate's mqtt.topic_prefix: letters, digits, _ - . and inner /,"
                        + " not starting with devices (gridwarden's own topics)");
        require(nvr.cameras() != null && !nvr.cameras().isEmpty(), at + " lists no cameras; map each Frigate camera to a camera of the town");
        Map<String, FrigateNvr.Camera> cameras = new LinkedHashMap<>();
        for (NvrCamera camera : nvr.cameras()) {
            FrigateNvr.Camera mapped = camera(at, camera);
            require(cameras.put(mapped.frigate(), mapped) == null, at + " maps Frigate camera " + mapped.frigate() + " twice; map it once");
        }
        Map<String, String> labels = nvr.labels() == null ? Map.of() : nvr.labels();
        labels.forEach((from, to) -> require(from != null && !from.isBlank() && to != null && !to.isBlank(),
                at + " maps label " + from + " to " + to + "; both must be words, e.g. motorcycle: e_bike"));
        boolean fetch = nvr.snapshots() != null && Boolean.TRUE.equals(nvr.snapshots().fetch());
        String api = snapshotApi(at, nvr.snapshots());
        require(!fetch || api != null, at + " asks to fetch snapshots (fetch: true) without snapshots.api;"
                + " write the NVR's HTTP API, e.g. http://192.168.1.20:5000, or set fetch: false");
        return new FrigateNvr(nvr.id(), prefix, cameras, labels, api, fetch);
    }

    private FrigateNvr.Camera camera(String at, NvrCamera camera) {
        require(camera != null, at + " has an empty camera entry; remove it");
        require(camera.frigate() != null && !camera.frigate().isBlank(), at + " has a camera without its Frigate name (frigate: …)");
        String where = at + " camera " + camera.frigate();
        if (camera.camera() != null) {
            require(town.camera(camera.camera()).isPresent(), where + " is mapped to unknown camera " + camera.camera()
                    + "; name a camera of the cameras list, or leave camera out to ignore its events");
            String other = mappedBy.putIfAbsent(camera.camera(), at);
            require(other == null, where + " maps camera " + camera.camera() + ", which " + other
                    + " maps already; a town camera has one source of frames");
        }
        var detect = camera.detect();
        require(detect != null && detect.width() != null && detect.height() != null, where + " needs its detect resolution"
                + " (detect: {width: 1920, height: 1080}, as in Frigate's cameras." + camera.frigate() + ".detect)");
        require(between(detect.width()) && between(detect.height()), where + " has detect resolution " + detect.width() + "×"
                + detect.height() + "; width and height are pixels from 1 to " + MAX_DETECT_PIXELS);
        return new FrigateNvr.Camera(camera.frigate(), camera.camera(), detect.width(), detect.height());
    }

    private static String snapshotApi(String at, TownFile.Snapshots snapshots) {
        if (snapshots == null) {
            return null;
        }
        if (snapshots.api() == null) {
            return null;
        }
        String api = snapshots.api().endsWith("/") ? snapshots.api().substring(0, snapshots.api().length() - 1) : snapshots.api();
        require(httpUrl(api), at + " has snapshots.api " + snapshots.api() + "; write the NVR's HTTP API, e.g. http://192.168.1.20:5000");
        return api;
    }

    private static boolean httpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean between(int pixels) {
        return pixels >= 1 && pixels <= MAX_DETECT_PIXELS;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new TownFileException("town file: " + message);
        }
    }
}
