package io.gridwarden.alerting.town;

import io.vertx.core.json.JsonObject;

/**
 * How an alerting instance numbers the town versions it takes and tells the other instances of its deployment.
 * Alone ({@link #LOCAL}, {@code gridwarden run}): the next number after its own stored versions, told to no one. In a
 * scale-out deployment, the town topic (the launcher's): every instance follows it. Both methods block.
 */
public interface TownVersionLedger {

    /** One instance alone: numbers come from its own store; there is no one to tell. */
    TownVersionLedger LOCAL = new TownVersionLedger() {
        @Override
        public long claim(String sha256, long atLeast) {
            return atLeast;
        }

        @Override
        public void applied(JsonObject meta, String text) {
            // no other instance
        }
    };

    /**
     * Takes the next version number (at least {@code atLeast}) for the town file with hash {@code sha256}.
     *
     * @throws NumberTaken another instance's claim took that number first: nothing may be applied under it
     */
    long claim(String sha256, long atLeast) throws NumberTaken;

    /** Version {@code meta.version} (its text) is in the event log: the other instances put it in force. */
    void applied(JsonObject meta, String text);

    /** Another instance's claim took the number first. */
    final class NumberTaken extends Exception {

        private final long version;

        public NumberTaken(long version) {
            super("town version " + version + " was taken by another instance's claim");
            this.version = version;
        }

        public long version() {
            return version;
        }
    }
}
