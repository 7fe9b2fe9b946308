package io.gridwarden.evidence.files;

import io.gridwarden.common.evidence.Evidence;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.common.evidence.EvidenceRefusedException;
import io.gridwarden.common.evidence.EvidenceRefusedException.Reason;
import io.gridwarden.common.evidence.EvidenceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence store on local disk ({@link PictureFiles}). Puts are serialised (one picture is written at a time:
 * the total bound and de-duplication need it, and a picture is a few hundred KB); reads are not.
 *
 * <p>When the total bound is reached new pictures are refused ({@link Reason#STORE_FULL}) rather than the oldest
 * evicted: a picture may be the evidence of a violation still being handled, and a device that sends many must not
 * be able to push out the evidence of others. Space comes back as pictures pass the retention ({@link #sweep}).
 */
public final class FileEvidenceStore implements EvidenceStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileEvidenceStore.class);

    private final PictureFiles files;
    private final EvidenceLimits limits;
    private final Clock clock;
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong pictures = new AtomicLong();
    private volatile EvidenceObserver observer = new EvidenceObserver() {};
    private ScheduledExecutorService sweeper;

    private FileEvidenceStore(PictureFiles files, EvidenceLimits limits, Clock clock) {
        this.files = files;
        this.limits = limits;
        this.clock = clock;
    }

    /** Opens (creating it if need be) the store in {@code directory}, counting what it already holds. */
    public static FileEvidenceStore open(Path directory, EvidenceLimits limits, Clock clock) {
        try {
            var store = new FileEvidenceStore(new PictureFiles(directory), limits, clock);
            store.files.forEach(file -> {
                store.totalBytes.addAndGet(size(file));
                store.pictures.incrementAndGet();
            });
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the evidence store in " + directory + ": " + e.getMessage()
                    + "; check that the directory is writable", e);
        }
    }

    /** Reports to {@code newObserver} from now on (one at a time). */
    public FileEvidenceStore observe(EvidenceObserver newObserver) {
        this.observer = newObserver;
        return this;
    }

    /** Sweeps every {@link EvidenceLimits#sweepInterval} on a daemon thread of its own until {@link #close}. */
    public synchronized FileEvidenceStore sweepPeriodically() {
        if (sweeper == null) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "evidence-sweeper");
                thread.setDaemon(true);
                return thread;
            });
            long every = limits.sweepInterval().toMillis();
            sweeper.scheduleWithFixedDelay(this::sweepLogged, every, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized EvidenceRef put(byte[] content, String mediaType) {
        PictureType type = check(content, mediaType);
        EvidenceRef ref = EvidenceRef.of(content);
        try {
            if (files.exists(ref)) {
                files.touch(ref, clock.instant());
                observer.duplicate();
                return ref;
            }
            if (totalBytes.get() + content.length > limits.maxTotalBytes()) {
                throw refused(Reason.STORE_FULL, "the evidence store holds its bound of " + limits.maxTotalBytes()
                        + " bytes; pictures are kept " + limits.retention() + ", space comes back as they expire");
            }
            files.write(ref, content, clock.instant());
        } catch (IOException e) {
            LOG.warn("Could not store a {} picture of {} bytes: {}", type.mediaType, content.length, e.toString());
            observer.refused(Reason.WRITE_FAILED);
            throw new EvidenceRefusedException(Reason.WRITE_FAILED, "the picture could not be written; retry later", e);
        }
        totalBytes.addAndGet(content.length);
        pictures.incrementAndGet();
        observer.stored(content.length);
        return ref;
    }

    private PictureType check(byte[] content, String mediaType) {
        if (content.length > limits.maxPictureBytes()) {
            throw refused(Reason.TOO_LARGE, "a picture may be at most " + limits.maxPictureBytes() + " bytes, got " + content.length);
        }
        PictureType type = PictureType.of(content).orElseThrow(() -> refused(Reason.NOT_AN_IMAGE,
                "only JPEG, PNG and WebP pictures are kept, and these bytes are none of them"));
        if (mediaType != null && !type.matches(mediaType)) {
            throw refused(Reason.MEDIA_TYPE_MISMATCH, "the picture was sent as " + mediaType + " but its bytes are " + type.mediaType);
        }
        return type;
    }

    private EvidenceRefusedException refused(Reason reason, String message) {
        observer.refused(reason);
        return new EvidenceRefusedException(reason, message);
    }

    @Override
    public Optional<Evidence> get(EvidenceRef ref) {
        try {
            PictureFiles.Held held = files.read(ref);
            if (held == null) {
                return Optional.empty();
            }
            if (!EvidenceRef.of(held.content()).equals(ref)) {
                LOG.warn("The evidence file of {} does not hash to its name: changed on disk; it is not served", ref);
                return Optional.empty();
            }
            return PictureType.of(held.content()).map(type -> new Evidence(held.content(), type.mediaType, held.storedAt()));
        } catch (IOException e) {
            LOG.warn("Could not read the evidence file of {}: {}", ref, e.toString());
            return Optional.empty();
        }
    }

    /** Deletes every picture last put before the retention; returns how many. */
    public synchronized int sweep() {
        Instant cutoff = clock.instant().minus(limits.retention());
        int[] deleted = {0};
        long[] freed = {0};
        try {
            files.forEach(file -> {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        long size = Files.size(file);
                        Files.delete(file);
                        deleted[0]++;
                        freed[0] += size;
                    }
                } catch (IOException e) {
                    LOG.warn("Could not sweep the evidence file {}: {}", file, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("The evidence sweep could not list the store: {}", e.toString());
        }
        totalBytes.addAndGet(-freed[0]);
        pictures.addAndGet(-deleted[0]);
        if (deleted[0] > 0) {
            observer.expired(deleted[0], freed[0]);
        }
        return deleted[0];
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("The evidence sweep failed; it runs again in {}: {}", limits.sweepInterval(), e.toString());
        }
    }

    @Override
    public long maxPictureBytes() {
        return limits.maxPictureBytes();
    }

    /** Bytes of pictures held. */
    public long totalBytes() {
        return totalBytes.get();
    }

    /** Pictures held. */
    public long pictures() {
        return pictures.get();
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
