package io.gridwarden.ingest;

import io.gridwarden.common.town.Device;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the device a token belongs to.
 *
 * <p>Devices are indexed by their token hash, so a request costs one SHA-256 and one map lookup
 * whatever the size of the town. Looking up by hash leaks nothing useful through timing: an attacker
 * would need a preimage of the stored hash, not the hash itself.
 */
public final class DeviceAuthenticator {

    private volatile Map<String, Device> byTokenHash;

    public DeviceAuthenticator(Town town) {
        byTokenHash = index(town);
    }

    /**
     * From now on, the devices of {@code town} (a new version of the town file): one added can sign in, one
     * removed no longer can. A town whose devices share a token hash is refused and the devices stay as they were.
     */
    public void use(Town town) {
        byTokenHash = index(town);
    }

    /** The device whose token this is; empty when the token is missing or unknown. */
    public Optional<Device> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byTokenHash.get(Secrets.hash(token)));
    }

    /** The device named by an HTTP {@code Authorization: Bearer <token>} header; empty for anything else. */
    public Optional<Device> authenticateBearer(String authorizationHeader) {
        return Secrets.bearerToken(authorizationHeader).flatMap(this::authenticate);
    }

    private static Map<String, Device> index(Town town) {
        Map<String, Device> index = new HashMap<>();
        for (Device device : town.devices()) {
            if (device.tokenHash() == null) {
                continue;
            }
            Device previous = index.putIfAbsent(device.tokenHash(), device);
            if (previous != null) {
                throw new IllegalArgumentException("devices " + previous.id() + " and " + device.id()
                        + " share one token hash; give each device its own token");
            }
        }
        return Map.copyOf(index);
    }
}
