package io.gridwarden.ingest;

import io.gridwarden.common.town.Device;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which camera an ISAPI alarm-host request comes from. A camera cannot send a bearer token, so two
 * things must agree: the secret in the URL path it posts to (the town file keeps only its SHA-256, as
 * for tokens) names the camera, and the MAC address or serial inside the alert is that camera's. The
 * secret is what keeps strangers out; the MAC/serial check catches a secret copied to, or configured on,
 * the wrong camera. One SHA-256 and one map lookup per request.
 */
final class IsapiCameras {

    /** A camera that posts ISAPI alerts, and what its alerts must say about themselves. */
    record IsapiCamera(Device device, String mac, String serial) {}

    private final Map<String, IsapiCamera> bySecretHash = new HashMap<>();

    IsapiCameras(Town town) {
        for (TownFile.Camera camera : town.cameras()) {
            TownFile.Isapi isapi = camera.isapi();
            if (isapi == null) {
                continue;
            }
            IsapiCamera entry = new IsapiCamera(town.device(camera.id()).orElseThrow(), normalisedMac(isapi.mac()), isapi.serial());
            IsapiCamera previous = bySecretHash.putIfAbsent(isapi.alarmSecretHash(), entry);
            if (previous != null) {
                throw new IllegalArgumentException("cameras " + previous.device().id() + " and " + camera.id()
                        + " share one ISAPI alarm secret; give each camera its own");
            }
        }
    }

    /** The camera whose alarm-host secret this is; empty for an unknown one. */
    Optional<IsapiCamera> bySecret(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 256) {
            return Optional.empty();
        }
        return Optional.ofNullable(bySecretHash.get(Secrets.hash(secret)));
    }

    /** Why the alert is not the camera's own, or empty when its MAC address or serial says it is. */
    static Optional<String> mismatch(IsapiCamera camera, IsapiAlert alert) {
        String mac = normalisedMac(alert.mac());
        boolean macKnown = mac != null && camera.mac() != null;
        boolean serialKnown = alert.serial() != null && camera.serial() != null;
        if (!macKnown && !serialKnown) {
            return Optional.of("the alert names neither the MAC address nor the serial the town file has for " + camera.device().id());
        }
        if (macKnown && !mac.equals(camera.mac())) {
            return Optional.of("the alert's macAddress is not " + camera.device().id() + "'s (see its isapi.mac in the town file)");
        }
        if (serialKnown && !alert.serial().equalsIgnoreCase(camera.serial())) {
            return Optional.of("the alert's serial is not " + camera.device().id() + "'s (see its isapi.serial in the town file)");
        }
        return Optional.empty();
    }

    /** A MAC address compared without its separators or case: cameras write 44:19:b6:… or 44-19-B6-…. */
    static String normalisedMac(String mac) {
        return mac == null ? null : mac.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(Locale.ROOT);
    }
}
