package io.gridwarden.common.event;

/** One object a camera's edge AI saw in a frame, with the track id that follows it across frames. */
public record DetectedObject(String track, String label, double confidence, Box box) {}
