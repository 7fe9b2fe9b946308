package io.gridwarden.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointedOffsetsTest {

    @Test
    void shouldAcknowledgeTheNewestSnapshotUpToASkippedConfirmation() {
        var offsets = new CheckpointedOffsets();
        offsets.snapshotted(1, List.of(new LogSplit(0, 10)));
        offsets.snapshotted(2, List.of(new LogSplit(0, 20)));
        offsets.snapshotted(3, List.of(new LogSplit(0, 30)));

        assertThat(offsets.completed(2)).contains(List.of(new LogSplit(0, 20)));
        assertThat(offsets.size()).isEqualTo(1);
        assertThat(offsets.completed(2)).isEmpty();
    }

    @Test
    void shouldStayBoundedWhenCheckpointsNeverComplete() {
        var offsets = new CheckpointedOffsets();
        for (long id = 1; id <= 100; id++) {
            offsets.snapshotted(id, List.of(new LogSplit(0, id)));
        }
        assertThat(offsets.size()).isEqualTo(CheckpointedOffsets.MAX_PENDING);
        assertThat(offsets.completed(100)).contains(List.of(new LogSplit(0, 100)));
    }
}
