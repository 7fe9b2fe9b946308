package io.gridwarden.common.log;

/** What one append did: how many entries were stored, and how many were already there (duplicates). */
public record AppendResult(int accepted, int duplicates) {}
