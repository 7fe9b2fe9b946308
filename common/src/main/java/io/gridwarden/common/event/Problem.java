package io.gridwarden.common.event;

/**
 * Why one event of a request was refused: which event ({@code index} in the batch, 0 for a single
 * event), which field (a JSON pointer such as {@code /data/objects/0/box}), and the reason.
 */
public record Problem(int index, String field, String reason) {}
