package io.gridwarden.log.kafka;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's transactional producer and what becomes of it after a failure: the transaction is aborted;
 * when that is not possible (a timeout, a fatal producer error) the producer is dropped and the next
 * transaction opens a new one, whose {@code initTransactions} aborts whatever the old one left open. A
 * producer fenced by another instance with the same transactional id ends all writing. Only the writer
 * thread uses it.
 */
final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private final KafkaLogSpec spec;
    private final Supplier<Producer<String, byte[]>> producers;
    /** Null after a failure that left it unusable. */
    private Producer<String, byte[]> producer;
    private volatile KafkaLogException fenced;

    Transactions(KafkaLogSpec spec, Supplier<Producer<String, byte[]>> producers, Producer<String, byte[]> first) {
        this.spec = spec;
        this.producers = producers;
        this.producer = first;
    }

    /** Why nothing can be written any more, or null. */
    KafkaLogException fenced() {
        return fenced;
    }

    /**
     * Writes the records in one transaction: returns once every record is acknowledged by all in-sync
     * replicas and the commit is written; else throws the {@link KafkaLogException} the appends fail with.
     */
    void commit(List<ProducerRecord<String, byte[]>> records) {
        try {
            if (producer == null) {
                producer = producers.get();
            }
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record); // a failed send fails the commit below
            }
            producer.commitTransaction();
        } catch (RuntimeException e) { // whatever it is, the writer goes on with the next group
            throw recover(e);
        }
    }

    private KafkaLogException recover(RuntimeException e) {
        if (causedBy(e, ProducerFencedException.class)) {
            fenced = new KafkaLogException(KafkaLogException.Reason.FENCED, "another instance took over the transactional id '"
                    + spec.transactionalId() + "' of Kafka topic " + spec.topic() + ": give each instance its own"
                    + " (KafkaLogSpec.transactionalId); this one appends nothing more until it is restarted", e);
            close(Duration.ZERO);
            return fenced;
        }
        if (producer != null && (causedBy(e, TimeoutException.class) || !aborted())) {
            close(Duration.ZERO);
        }
        LOG.warn("appending to Kafka topic {} failed: {}", spec.topic(), e.toString());
        return new KafkaLogException(KafkaLogException.Reason.APPEND_FAILED, "appending to Kafka topic " + spec.topic()
                + " failed (" + e.getMessage() + "); the append was stored whole or not at all, so it is safe to send again", e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private boolean aborted() {
        try {
            producer.abortTransaction();
            return true;
        } catch (KafkaException | IllegalStateException e) {
            return false;
        }
    }

    /** Closes the producer, waiting at most {@code timeout} for what it still sends. */
    void close(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("closing the producer of Kafka topic {}: {}", spec.topic(), e.toString());
            }
            producer = null;
        }
    }
}
