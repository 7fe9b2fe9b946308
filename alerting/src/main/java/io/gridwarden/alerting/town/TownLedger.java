package io.gridwarden.alerting.town;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ledger of town versions of a scale-out deployment (its town topic; docs/town-changes.md), folded record by
 * record: which number is taken, which version is in force. Two kinds of record, JSON:
 * <ul>
 *   <li>{@code claim} {version, sha256, instance, nonce}: an alerting instance takes number {@code version} for the
 *       town file with that hash. The first claim of a number wins it; a later one lost.</li>
 *   <li>{@code applied} {version, meta, text}: the version is in the event log. It counts only when the first claim
 *       of its number is for the same file; a claim never followed by its {@code applied} is skipped.</li>
 * </ul>
 * Thread-safe: the topic's follower folds records in while a claimer reads.
 */
public final class TownLedger {

    /** The largest record read (~1.2 MiB): town files are at most 1 MiB; a larger record is skipped. */
    public static final int MAX_RECORD_BYTES = 1_200 * 1024;
    static final String CLAIM = "claim";
    static final String APPLIED = "applied";

    /** An instance takes number {@code version} for the file with hash {@code sha256}; {@code nonce} tells its claims apart. */
    public record Claim(long version, String sha256, String instance, String nonce) {}

    /** Version {@code version} is in the event log: its metadata (who, when, hash, changes) and its text. */
    public record Applied(long version, JsonObject meta, String text) {
        public String sha256() {
            return meta.getString("sha256");
        }
    }

    /** A record the ledger skips, and why. */
    public static final class UnreadableRecord extends Exception {

        public enum Reason { OVERSIZED, UNDECODABLE }

        private final Reason reason;

        UnreadableRecord(Reason reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private final Map<Long, Claim> firstClaims = new HashMap<>();
    private final NavigableMap<Long, Applied> versions = new TreeMap<>();
    private long highest;

    public static byte[] encode(Claim claim) {
        return new JsonObject().put("type", CLAIM).put("version", claim.version()).put("sha256", claim.sha256())
                .put("instance", claim.instance()).put("nonce", claim.nonce()).encode().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(Applied applied) {
        return new JsonObject().put("type", APPLIED).put("version", applied.version()).put("meta", applied.meta())
                .put("text", applied.text()).encode().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Folds one record in. Returns the version it makes count (an {@code applied} whose number its file won), else
     * empty (a claim, or an {@code applied} without the winning claim). Folding a record twice changes nothing.
     */
    public synchronized Optional<Applied> accept(byte[] payload) throws UnreadableRecord {
        Object record = decode(payload);
        if (record instanceof Claim claim) {
            firstClaims.putIfAbsent(claim.version(), claim);
            highest = Math.max(highest, claim.version());
            return Optional.empty();
        }
        Applied applied = (Applied) record;
        highest = Math.max(highest, applied.version());
        Claim winner = firstClaims.get(applied.version());
        if (winner == null || !winner.sha256().equals(applied.sha256())) {
            return Optional.empty();
        }
        versions.put(applied.version(), applied);
        return Optional.of(applied);
    }

    /** The number the next claim takes: one past the highest claimed or applied (claims left unapplied are numbered past). */
    public synchronized long next() {
        return highest + 1;
    }

    /** The claim that won number {@code version}: its first. */
    public synchronized Optional<Claim> winner(long version) {
        return Optional.ofNullable(firstClaims.get(version));
    }

    /** The version in force: the highest that counts. */
    public synchronized Optional<Applied> latest() {
        return Optional.ofNullable(versions.lastEntry()).map(Map.Entry::getValue);
    }

    /** Every version that counts, oldest first. */
    public synchronized List<Applied> versions() {
        return List.copyOf(versions.values());
    }

    static Object decode(byte[] payload) throws UnreadableRecord {
        if (payload.length > MAX_RECORD_BYTES) {
            throw new UnreadableRecord(UnreadableRecord.Reason.OVERSIZED, payload.length + " bytes, over the " + MAX_RECORD_BYTES
                    + " a town version's record may have");
        }
        try {
            JsonObject json = new JsonObject(new String(payload, StandardCharsets.UTF_8));
            long version = json.getLong("version", 0L);
            if (version < 1) {
                throw new IllegalArgumentException("no version number (1 or more)");
            }
            return switch (String.valueOf(json.getString("type"))) {
                case CLAIM -> new Claim(version, required(json, "sha256"), required(json, "instance"), required(json, "nonce"));
                case APPLIED -> applied(version, json);
                default -> throw new IllegalArgumentException("neither a claim nor an applied version: " + json.getString("type"));
            };
        } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
            throw new UnreadableRecord(UnreadableRecord.Reason.UNDECODABLE, e.getMessage());
        }
    }

    private static Applied applied(long version, JsonObject json) {
        JsonObject meta = json.getJsonObject("meta");
        if (meta == null || meta.getLong("version", 0L) != version) {
            throw new IllegalArgumentException("version " + version + " without its metadata");
        }
        required(meta, "sha256");
        return new Applied(version, meta, required(json, "text"));
    }

    private static String required(JsonObject json, String field) {
        String value = json.getString(field);
        if (value == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }
}
