package io.gridwarden.launcher;

import io.gridwarden.alerting.town.TownLedger;
import io.gridwarden.alerting.town.TownLedger.Applied;
import io.gridwarden.alerting.town.TownLedger.Claim;
import io.gridwarden.alerting.town.TownVersionLedger;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The town topic of a scale-out deployment (docs/town-changes.md): the ledger of town versions, which every ingest
 * and alerting instance reads from offset 0 at start and then follows, handing each version that counts to
 * {@code inForce}; and, for alerting, where a version takes its number: catch up, claim the next number, read the
 * topic back to the claim — the first claim of a number wins it — and, once the version is in the event log, record
 * it {@code applied}.
 */
final class TownTopic implements TownVersionLedger, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TownTopic.class);
    private static final String KEY = "town";

    private final String name;
    private final RecordLog log;
    private final String instance;
    private final Duration timeout;
    private final Consumer<Applied> inForce;
    private final TownLedger ledger = new TownLedger();
    private TopicFollower follower;

    private TownTopic(String name, RecordLog log, String instance, Duration timeout, Consumer<Applied> inForce) {
        this.name = name;
        this.log = log;
        this.instance = instance;
        this.timeout = timeout;
        this.inForce = inForce;
    }

    /**
     * Reads the topic to its end (every version that counts to {@code inForce}, oldest first), then follows it. Refuses
     * the start when the topic cannot be read to its end within {@code timeout}.
     */
    static TownTopic follow(String topic, RecordLog log, String instance, Duration timeout, Consumer<Applied> inForce)
            throws InterruptedException {
        TownTopic town = new TownTopic("town topic " + topic, log, instance, timeout, inForce);
        town.follower = TopicFollower.start(town.name, log, new long[log.partitions()], town::apply);
        if (!town.follower.awaitReadToEnd(0, timeout)) {
            String failure = town.follower.failure();
            town.close();
            throw new StartRefusedException("could not read the " + town.name + " to its end within " + timeout.toSeconds() + " s"
                    + (failure == null ? "" : " (" + failure + ")") + ": is the broker reachable and the topic readable?", null);
        }
        LOG.info("{} read: {}", town.name, town.ledger.latest().map(v -> "town version " + v.version() + " in force")
                .orElse("no town version applied yet: the town file given is in force"));
        return town;
    }

    /** The version in force by the ledger, if any was applied. */
    Optional<Applied> latest() {
        return ledger.latest();
    }

    private void apply(int partition, List<LogRecord> page) {
        for (LogRecord record : page) {
            try {
                ledger.accept(record.payload()).ifPresent(inForce);
            } catch (TownLedger.UnreadableRecord e) {
                LOG.warn("Skipping record {} of the {} ({}): {}", record.offset(), name, e.reason(), e.getMessage());
            }
        }
    }

    @Override
    public synchronized long claim(String sha256, long atLeast) throws NumberTaken {
        readToEnd();
        long n = Math.max(ledger.next(), atLeast);
        String nonce = UUID.randomUUID().toString();
        append(TownLedger.encode(new Claim(n, sha256, instance, nonce)), "claim-" + nonce);
        Claim first = firstClaim(n);
        if (!first.nonce().equals(nonce)) {
            LOG.info("town version {}: another instance's claim came first ({})", n, first.instance());
            throw new NumberTaken(n);
        }
        return n;
    }

    /**
     * The first claim of number {@code n}, read back: once the topic is read to its end, this instance's own claim is
     * in the ledger (its append completed), and every claim appended before it too.
     */
    private Claim firstClaim(long n) {
        readToEnd();
        return ledger.winner(n).orElseThrow(() -> new IllegalStateException("the claim of town version " + n
                + " was appended to the " + name + " but is not there once the topic is read to its end"));
    }

    @Override
    public void applied(JsonObject meta, String text) {
        long n = meta.getLong("version");
        append(TownLedger.encode(new Applied(n, meta, text)), "applied-" + n + "-" + meta.getString("sha256"));
    }

    /** Every record committed before the call is folded into the ledger. */
    private void readToEnd() {
        try {
            if (!follower.awaitReadToEnd(0, timeout)) {
                throw new IllegalStateException("could not read the " + name + " to its end within " + timeout.toSeconds() + " s ("
                        + follower.failure() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the " + name, e);
        }
    }

    private void append(byte[] payload, String dedupKey) {
        try {
            log.append(List.of(new LogEntry(KEY, dedupKey, payload))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to the " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not append to the " + name + ": " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /** Stops following; the log is its owner's to close. */
    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
