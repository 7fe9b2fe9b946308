package io.gridwarden.common.evidence;

import java.util.Optional;

/**
 * Pictures that came with alerts, kept as evidence of violations: content-addressed (a picture's name is the
 * SHA-256 of its bytes, {@link EvidenceRef}), so storing one twice keeps one copy, and bounded (a size per
 * picture, a total, an age). Only JPEG, PNG and WebP are kept, judged by their first bytes, never by what the
 * sender says alone.
 *
 * <h2>How a frame references a picture</h2>
 * A camera frame ({@code gw.detection}) carries the ref of its picture in its data's optional {@code evidence}
 * member: {@code "data": {"objects": [...], "evidence": "sha256:<64 hex>"}}. The picture gets there either
 * through ingest itself (a camera protocol that delivers pictures with its alerts: ingest calls
 * {@link #put} and sets the ref on the frame it makes) or through the device, which uploads it first
 * ({@code POST /v1/evidence}, answered with the ref) and then names the ref in its frames. A frame's ref is
 * checked only for its form; a ref the store does not hold is kept on the violation but served as 404
 * (it may have been swept, or never uploaded). {@code data.snapshot} stays what it was: a device's URL,
 * shown to operators as a link only when it is http(s).
 *
 * <p>Calls block on the disk: call them from a worker thread, never an event loop. Thread-safe.
 */
public interface EvidenceStore extends AutoCloseable {

    /**
     * Stores {@code content} unless it is already held (then its age starts again) and returns its ref.
     *
     * @param mediaType what the sender says it is ({@code image/jpeg}, {@code image/png} or {@code image/webp}); null: judge by the bytes alone
     * @throws EvidenceRefusedException when it is not stored, saying why
     */
    EvidenceRef put(byte[] content, String mediaType);

    /** The picture {@code ref} names, if it is held (and its bytes still hash to {@code ref}). */
    Optional<Evidence> get(EvidenceRef ref);

    /** The largest picture {@link #put} accepts, in bytes: an endpoint that receives pictures bounds its bodies to it. */
    long maxPictureBytes();

    @Override
    void close();

    /** A store that keeps nothing: every {@link #put} is refused as {@link EvidenceRefusedException.Reason#DISABLED}. */
    static EvidenceStore disabled() {
        return DisabledEvidenceStore.INSTANCE;
    }
}
