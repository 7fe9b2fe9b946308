package io.gridwarden.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.log.rocksdb.RocksThreads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.Priority;

class StateRocksOptionsTest {

    private final StateRocksOptions factory = new StateRocksOptions();
    private final List<AutoCloseable> handles = new ArrayList<>();

    @Test
    @DisplayName("The job's state is stored uncompressed at every level, whatever Flink set per level before")
    void shouldStoreUncompressedAtEveryLevel() {
        try (ColumnFamilyOptions flinks = new ColumnFamilyOptions().setCompressionType(CompressionType.SNAPPY_COMPRESSION)
                .setCompressionPerLevel(List.of(CompressionType.SNAPPY_COMPRESSION, CompressionType.LZ4_COMPRESSION))) {
            ColumnFamilyOptions options = factory.createColumnOptions(flinks, handles);

            assertThat(options.compressionType()).isEqualTo(CompressionType.NO_COMPRESSION);
            assertThat(options.compressionPerLevel()).hasSize(options.numLevels()).containsOnly(CompressionType.NO_COMPRESSION);
        }
    }

    @Test
    @DisplayName("Opening the job's state gives the process's RocksDB room for several flushes and compactions at once")
    void shouldGiveTheProcessSeveralFlushAndCompactionThreads() {
        try (DBOptions options = new DBOptions()) {
            assertThat(factory.createDBOptions(options, handles)).isSameAs(options);
        }
        assertThat(Env.getDefault().getBackgroundThreads(Priority.HIGH)).isGreaterThanOrEqualTo(RocksThreads.FLUSH_THREADS);
        assertThat(Env.getDefault().getBackgroundThreads(Priority.LOW)).isGreaterThanOrEqualTo(RocksThreads.COMPACTION_THREADS);
    }
}
