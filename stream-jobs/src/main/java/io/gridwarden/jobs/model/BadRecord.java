package io.gridwarden.jobs.model;

/** A log record the decoder could not read, with where it is and why, for the bad-records side output. */
public record BadRecord(int partition, long offset, String reason) {}
