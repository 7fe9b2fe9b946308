package io.gridwarden.jobs.model;

/** Camera or sensor {@code device} sent an event of any kind (a frame, a reading, a heartbeat, an ack) at {@code time}. */
public record DeviceHeard(String device, long time) {}
