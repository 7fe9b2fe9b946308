package io.gridwarden.launcher;

import io.gridwarden.alerting.delivery.DeliveryOwnership;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.log.RecordLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands this instance delivers: those whose id falls in a partition of the deliveries topic the consumer group
 * gave it ({@link DeliveryGroup}). Every hand-over is appended to that partition (a transaction: it completes once
 * committed) before the attempt ends; {@link #revoke} returns only once no attempt of the partitions is under way,
 * so the next owner, which reads the partition to its end before it delivers, sees every hand-over of this one.
 */
final class PartitionOwnership implements DeliveryOwnership {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionOwnership.class);
    private static final int RECORD_ATTEMPTS = 3;

    private final RecordLog deliveries;
    private final String instance;
    private final Clock clock;
    private final Duration appendTimeout;
    private final Set<Integer> owned = new HashSet<>();
    private final int[] attempts;

    PartitionOwnership(RecordLog deliveries, String instance, Clock clock, Duration appendTimeout) {
        this.deliveries = deliveries;
        this.instance = instance;
        this.clock = clock;
        this.appendTimeout = appendTimeout;
        this.attempts = new int[deliveries.partitions()];
    }

    /** The deliveries topic's partition a command belongs to: where its hand-over is recorded, whose holder delivers it. */
    int partitionOf(String commandId) {
        return deliveries.partitionOf(commandId);
    }

    @Override
    public synchronized boolean tryBegin(String commandId) {
        int partition = partitionOf(commandId);
        if (!owned.contains(partition)) {
            return false;
        }
        attempts[partition]++;
        return true;
    }

    @Override
    public void handedOver(String target, Command command, String channel) {
        try {
            record(new DeliveryRecord(target, command, channel, instance, clock.instant()));
        } finally {
            ended(command.id());
        }
    }

    @Override
    public void failed(String commandId) {
        ended(commandId);
    }

    /** Appends the hand-over, trying again on a failure (a repeat is harmless: the topic is keyed by command id). */
    private void record(DeliveryRecord delivery) {
        for (int attempt = 1; ; attempt++) {
            try {
                deliveries.append(java.util.List.of(delivery.entry())).get(appendTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
                return;
            } catch (Exception e) {
                if (attempt >= RECORD_ATTEMPTS || e instanceof InterruptedException) {
                    LOG.error("Handed {} over to {} but could not record it in the deliveries topic ({}): should its partition move to"
                            + " another instance, that one will deliver it again (same command id)", delivery.command().id(),
                            delivery.target(), e.toString());
                    return;
                }
            }
        }
    }

    private synchronized void ended(String commandId) {
        attempts[partitionOf(commandId)]--;
        notifyAll();
    }

    /** This instance delivers the commands of {@code partitions} from now on. */
    synchronized void grant(Collection<Integer> partitions) {
        owned.addAll(partitions);
    }

    /**
     * This instance no longer delivers the commands of {@code partitions}: no attempt starts from now on, and this
     * returns once those under way have ended and their hand-overs are recorded (or {@code timeout} passed).
     */
    synchronized void revoke(Collection<Integer> partitions, Duration timeout) throws InterruptedException {
        owned.removeAll(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(p -> attempts[p] > 0)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("Deliveries of partitions {} still under way after {}: their next owner may deliver them again", partitions, timeout);
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized Set<Integer> owned() {
        return Set.copyOf(owned);
    }
}
