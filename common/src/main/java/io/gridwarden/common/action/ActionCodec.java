package io.gridwarden.common.action;

import io.gridwarden.common.json.Json;

/** Actions as stored in the action log: JSON, with statuses in their wire form. */
public final class ActionCodec {

    private ActionCodec() {}

    public static byte[] encode(Action action) {
        return Json.toBytes(action);
    }

    public static Action decode(byte[] stored) {
        return Json.fromBytes(stored, Action.class);
    }
}
