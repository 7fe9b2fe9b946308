package io.gridwarden.evidence.files;

import io.gridwarden.common.evidence.EvidenceRefusedException;

/** What the store reports as it works ({@link EvidenceMetrics}); every method has a do-nothing default. */
public interface EvidenceObserver {

    /** A picture of {@code bytes} was written. */
    default void stored(long bytes) {}

    /** A picture already held was put again: nothing written, its age starts again. */
    default void duplicate() {}

    default void refused(EvidenceRefusedException.Reason reason) {}

    /** A sweep deleted {@code pictures} pictures older than the retention, {@code bytes} together. */
    default void expired(int pictures, long bytes) {}
}
