package io.gridwarden.jobs.model;

/** An event whose device time was already behind the watermark when it was read; it is still processed. */
public record LateEvent(String source, String id, long time, long watermark) {}
