package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionOwnershipTest {

    private static final int PARTITIONS = 4;

    @TempDir
    Path dir;

    private RocksRecordLog deliveries;
    private PartitionOwnership ownership;

    @BeforeEach
    void open() {
        deliveries = RocksRecordLog.open(LogSpec.of(dir.resolve("deliveries"), PARTITIONS));
        ownership = new PartitionOwnership(deliveries, "a", Clock.systemUTC(), Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        deliveries.close();
    }

    @Test
    void shouldAttemptOnlyTheCommandsOfGrantedPartitions() {
        Command command = command("cmd-1");
        int partition = ownership.partitionOf(command.id());

        assertThat(ownership.tryBegin(command.id())).as("before any grant").isFalse();
        ownership.grant(Set.of(partition));
        assertThat(ownership.tryBegin(command.id())).as("once granted").isTrue();
        assertThat(ownership.tryBegin(otherPartitionsCommand(partition).id())).as("another partition's command").isFalse();
    }

    @Test
    void shouldRecordAHandOverInTheCommandsPartitionKeyedByItsId() {
        Command command = command("cmd-2");
        int partition = ownership.partitionOf(command.id());
        ownership.grant(Set.of(partition));
        ownership.tryBegin(command.id());

        ownership.handedOver(KafkaActions.CAMERA, command, "webhook");

        List<LogRecord> records = deliveries.read(partition, 0, 10);
        assertThat(records).hasSize(1);
        DeliveryRecord recorded = DeliveryRecord.of(records.get(0).payload());
        assertThat(recorded.command().id()).isEqualTo(command.id());
        assertThat(records.get(0).payload()).isNotEmpty();
        assertThat(recorded.instance()).isEqualTo("a");
        assertThat(recorded.channel()).isEqualTo("webhook");
    }

    @Test
    void shouldGiveAPartitionUpOnlyOnceItsAttemptUnderWayIsRecorded() throws Exception {
        Command command = command("cmd-3");
        int partition = ownership.partitionOf(command.id());
        ownership.grant(Set.of(partition));
        assertThat(ownership.tryBegin(command.id())).isTrue();

        CompletableFuture<Void> revoked = CompletableFuture.runAsync(() -> {
            try {
                ownership.revoke(Set.of(partition), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(revoked).as("revoked while an attempt is under way").isNotDone();
        assertThat(ownership.tryBegin(command("cmd-3").id())).as("a new attempt once revoking").isFalse();

        ownership.handedOver(KafkaActions.CAMERA, command, "webhook");

        revoked.get(5, TimeUnit.SECONDS);
        assertThat(deliveries.read(partition, 0, 10)).as("the hand-over, recorded before the partition was given up").hasSize(1);
    }

    @Test
    void shouldGiveAPartitionUpAtOnceAfterAFailedAttempt() throws Exception {
        Command command = command("cmd-4");
        int partition = ownership.partitionOf(command.id());
        ownership.grant(Set.of(partition));
        ownership.tryBegin(command.id());
        ownership.failed(command.id());

        long start = System.nanoTime();
        ownership.revoke(Set.of(partition), Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(ownership.owned()).isEmpty();
    }

    private static Command command(String track) {
        List<Action> warning = KafkaActions.warning(KafkaActions.warned(track));
        return warning.get(1).command();
    }

    private Command otherPartitionsCommand(int partition) {
        for (int i = 0; ; i++) {
            Command other = command("other-" + i);
            if (ownership.partitionOf(other.id()) != partition) {
                return other;
            }
        }
    }
}
