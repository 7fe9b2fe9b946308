package io.gridwarden.common.evidence;

import java.util.Optional;

/** {@link EvidenceStore#disabled()}: for processes (and tests) that keep no pictures. */
final class DisabledEvidenceStore implements EvidenceStore {

    static final DisabledEvidenceStore INSTANCE = new DisabledEvidenceStore();

    private DisabledEvidenceStore() {}

    @Override
    public EvidenceRef put(byte[] content, String mediaType) {
        throw new EvidenceRefusedException(EvidenceRefusedException.Reason.DISABLED, "this process keeps no pictures");
    }

    @Override
    public Optional<Evidence> get(EvidenceRef ref) {
        return Optional.empty();
    }

    @Override
    public long maxPictureBytes() {
        return 0;
    }

    @Override
    public void close() {
        // nothing held
    }
}
