package io.gridwarden.launcher;

import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's published tokens: a device's is {@code demo-<device id>}, an operator's is the operator's
 * id ({@code demo-admin}). Anyone who has read the README has them, so a town that accepts any of them
 * (the demo town, or a copy of it) must not be reachable from the network by default.
 */
final class DemoTokens {

    static final String DEVICE_TOKEN_PREFIX = "demo-";

    private DemoTokens() {}

    /** The ids of {@code town}'s devices and operators that accept a published token. */
    static List<String> acceptedBy(Town town) {
        List<String> ids = new ArrayList<>();
        town.devices().forEach(d -> addIfPublished(ids, d.id(), DEVICE_TOKEN_PREFIX + d.id(), d.tokenHash()));
        town.operators().forEach(o -> addIfPublished(ids, o.id(), o.id(), o.tokenHash()));
        return ids;
    }

    private static void addIfPublished(List<String> ids, String id, String publishedToken, String tokenHash) {
        if (Secrets.matches(publishedToken, tokenHash)) {
            ids.add(id);
        }
    }
}
