package io.gridwarden.log.kafka;

/**
 * Why a {@link KafkaRecordLog} refused to start or failed an operation; the message says what to do.
 * Startup refusals ({@link Reason#BROKER_UNREACHABLE} to {@link Reason#WRONG_TIMESTAMP_TYPE}) are
 * misconfigurations: retrying without changing anything will not help.
 */
public final class KafkaLogException extends RuntimeException {

    /** The kinds of failure. */
    public enum Reason {
        /** No broker answered at the bootstrap servers within the startup timeout. */
        BROKER_UNREACHABLE,
        /** The topic does not exist (the log never creates it: partitions and settings are a deployment's choice). */
        TOPIC_MISSING,
        /** The topic has another partition count than the spec: keys would land in other partitions. */
        PARTITION_COUNT_MISMATCH,
        /** The topic keeps the producer's time, not the broker's: append times would not be monotonic. */
        WRONG_TIMESTAMP_TYPE,
        /** Another instance took over this instance's transactional id: the log writes no more. */
        FENCED,
        /** An entry is larger than one produce request may be: that append alone is refused, nothing of it stored. */
        RECORD_TOO_LARGE,
        /** An append failed (broker down, timeout, no leader): it may or may not be stored, never in part. */
        APPEND_FAILED,
        /** A read, an offset query or an acknowledgement did not complete within the operation timeout. */
        BROKER_UNAVAILABLE,
        /** The log was closed. */
        CLOSED
    }

    private final Reason reason;

    public KafkaLogException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public KafkaLogException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
