package io.gridwarden.log.kafka;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogObserver;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * The scale-out {@link RecordLog}: one Kafka topic, shared by every instance of a service.
 *
 * <ul>
 *   <li>{@link #append}: a {@link TransactionCommitter} groups the appends waiting in a bounded queue into one
 *       transaction of an idempotent producer ({@code acks=all}); an append completes once the transaction
 *       committed, and is stored all or none. Each entry goes to {@link #partitionOf} its partition key (the
 *       record's key), its de-duplication key in the {@link RecordFormat#DEDUP_KEY_HEADER} header.</li>
 *   <li>De-duplication is per instance and best effort ({@link RecentKeys}): exactness for what the stream
 *       jobs act on is theirs, by the (source, id) the header carries.</li>
 *   <li>{@link #read} and {@link #awaitRecord}: consumers without a group, committed records only
 *       ({@link PartitionReader}, {@link RecordWatcher}); offsets have gaps where commit markers are.</li>
 *   <li>{@link #acknowledge} and {@link #acknowledged}: the spec's consumer group's committed offsets.</li>
 * </ul>
 *
 * <p>{@link #open} refuses a misconfiguration (no broker, no topic, another partition count, producer time)
 * before anything is written.
 */
public final class KafkaRecordLog implements RecordLog {

    /** How long closing waits for each reading client once the writer is done: nothing of theirs needs saving. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final KafkaLogSpec spec;
    private final Admin admin;
    private final TransactionCommitter committer;
    private final PartitionReader reader;
    private final RecordWatcher watcher;
    private final GroupOffsets offsets;
    private volatile LogObserver observer = LogObserver.NONE;

    private KafkaRecordLog(KafkaLogSpec spec, KafkaClients clients, Admin admin, Producer<String, byte[]> producer) {
        this.spec = spec;
        this.admin = admin;
        this.committer = new TransactionCommitter(spec, this::partitionOf,
                new Transactions(spec, () -> transactional(clients), producer), () -> observer);
        this.reader = new PartitionReader(spec, () -> clients.reader("reader"));
        this.watcher = new RecordWatcher(spec, () -> clients.reader("watcher"));
        this.offsets = new GroupOffsets(admin, spec);
    }

    /**
     * Checks the broker and the topic, then opens the writer (whose {@code initTransactions} aborts what a
     * previous run of this instance left open). Throws {@link KafkaLogException} naming what is wrong.
     */
    public static KafkaRecordLog open(KafkaLogSpec spec) {
        KafkaClients clients = new KafkaClients(spec);
        Admin admin;
        try {
            admin = clients.admin((int) spec.startupTimeout().toMillis());
        } catch (KafkaException e) { // e.g. no bootstrap address resolves
            throw TopicCheck.unreachable(spec, e);
        }
        try {
            TopicCheck.verify(admin, spec);
            return new KafkaRecordLog(spec, clients, admin, firstProducer(spec, clients));
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * The checks of {@link #open} (a broker answers, the topic exists with the spec's partition count and
     * LogAppendTime), without opening a writer: for a process that configures others, such as
     * {@code gridwarden jobs submit}. Throws {@link KafkaLogException} naming what is wrong.
     */
    public static void verifyTopic(KafkaLogSpec spec) {
        Admin admin;
        try {
            admin = new KafkaClients(spec).admin((int) spec.startupTimeout().toMillis());
        } catch (KafkaException e) {
            throw TopicCheck.unreachable(spec, e);
        }
        try {
            TopicCheck.verify(admin, spec);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static Producer<String, byte[]> transactional(KafkaClients clients) {
        Producer<String, byte[]> producer = clients.producer();
        try {
            producer.initTransactions();
            return producer;
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The first producer, at startup: a failure here is a deployment's to fix, and says so. */
    private static Producer<String, byte[]> firstProducer(KafkaLogSpec spec, KafkaClients clients) {
        try {
            return transactional(clients);
        } catch (KafkaException e) {
            throw new KafkaLogException(KafkaLogException.Reason.BROKER_UNAVAILABLE, "could not start the transactional"
                    + " producer '" + spec.transactionalId() + "' of Kafka topic " + spec.topic() + " within "
                    + TopicCheck.readable(spec.appendTimeout()) + " (" + e.getMessage() + "): check that the brokers can"
                    + " host the transaction state topic (transaction.state.log.replication.factor and min.isr at most"
                    + " the brokers running) and, with ACLs, that this principal may write transactional id "
                    + spec.transactionalId(), e);
        }
    }

    public KafkaLogSpec spec() {
        return spec;
    }

    @Override
    public int partitions() {
        return spec.partitions();
    }

    @Override
    public CompletableFuture<AppendResult> append(List<LogEntry> entries) {
        return committer.submit(entries);
    }

    @Override
    public List<LogRecord> read(int partition, long fromOffset, int max) {
        return reader.read(checked(partition), fromOffset, max);
    }

    @Override
    public long endOffset(int partition) {
        return offsets.endOffset(checked(partition));
    }

    /** The high watermark: {@link #endOffset} passes it once every transaction below it is decided. */
    @Override
    public long appendedEnd(int partition) {
        return offsets.appendedEnd(checked(partition));
    }

    /** Completes once a committed record at or after {@code offset} exists, so that a read from there returns it. */
    @Override
    public CompletableFuture<Void> awaitRecord(int partition, long offset) {
        return watcher.await(checked(partition), offset);
    }

    @Override
    public void acknowledge(int partition, long offset) {
        offsets.acknowledge(checked(partition), offset);
    }

    @Override
    public long acknowledged(int partition) {
        return offsets.acknowledged(checked(partition));
    }

    /** Reports each transaction as a group commit: appends, records, and the time to commit (in place of an fsync). */
    @Override
    public void observe(LogObserver newObserver) {
        this.observer = newObserver == null ? LogObserver.NONE : newObserver;
    }

    private int checked(int partition) {
        if (partition < 0 || partition >= spec.partitions()) {
            throw new IllegalArgumentException("partition " + partition + " does not exist: Kafka topic " + spec.topic()
                    + " has partitions 0 to " + (spec.partitions() - 1));
        }
        return partition;
    }

    /**
     * Writes what is still queued and closes the clients, in at most the append timeout plus a few
     * seconds even with the broker gone: appends that could not be written by then fail (unacknowledged).
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + spec.appendTimeout().toNanos();
        committer.close(deadline);
        watcher.close(CLOSE_GRACE);
        reader.close(CLOSE_GRACE);
        admin.close(CLOSE_GRACE);
    }
}
