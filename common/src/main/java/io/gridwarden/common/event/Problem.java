package io.gridwarden.common.event;

/**
 * Why one event of a request was refused: which event ({@code index} in the batch, 0 for a single
 * event), which field (a JSON pointer such as {@code /data/objects/0/box}), and the reason.
 *
 * <p>A reason may quote what the device sent (an unknown type, a parser's message); it is cut to
 * {@link #MAX_REASON_CHARS} so that a refusal never echoes a device's oversized input back.
 */
public record Problem(int index, String field, String reason) {

    public static final int MAX_REASON_CHARS = 300;

    public Problem {
        if (reason != null && reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS - 1) + "…";
        }
    }
}
