package io.gridwarden.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogSplitSerializerTest {

    @Test
    void shouldRoundTripASplitAndItsOffset() throws IOException {
        var serializer = LogSplitSerializer.split();
        var split = new LogSplit(3, 1_234_567_890_123L);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split))).isEqualTo(split);
        assertThat(split.splitId()).isEqualTo("partition-3");
    }

    @Test
    void shouldRoundTripTheEnumeratorsUnassignedSplits() throws IOException {
        var serializer = LogSplitSerializer.splits();
        var splits = List.of(new LogSplit(0, 0), new LogSplit(2, 0));
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(splits))).containsExactlyElementsOf(splits);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(List.of()))).isEmpty();
    }

    @Test
    void shouldRefuseAnUnknownVersion() {
        assertThatThrownBy(() -> LogSplitSerializer.split().deserialize(99, new byte[4])).isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }
}
