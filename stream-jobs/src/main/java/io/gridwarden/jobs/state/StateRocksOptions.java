package io.gridwarden.jobs.state;

import io.gridwarden.log.rocksdb.RocksThreads;
import java.util.Collection;
import java.util.Collections;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;

/**
 * How the job's RocksDB state is kept, set through Flink's {@code state.backend.rocksdb.options-factory} so that it
 * holds wherever the job's operators run: in the embedded process and in a cluster's task managers alike.
 *
 * <ul>
 *   <li>The process's flush and compaction threads ({@link RocksThreads}): a checkpoint flushes every operator's
 *       memtables on its operator's thread, which otherwise waits for one flush thread shared by the whole process,
 *       and, when the state's level 0 is full, for its compaction, which otherwise queues behind the event log's.
 *   <li>No compression. The state is small (tens of megabytes: the tracks of the last seconds, timers, desks) and
 *       rewritten all the time; what a checkpoint flushes it flushes while the operator waits, and Snappy took a
 *       quarter of that: the camera operator's hold at 50,000 events/s went from 58 to 47 ms at the median.
 * </ul>
 */
public final class StateRocksOptions implements RocksDBOptionsFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public DBOptions createDBOptions(DBOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        RocksThreads.configure();
        return currentOptions;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(ColumnFamilyOptions currentOptions, Collection<AutoCloseable> handlesToClose) {
        // per level as well: Flink sets a list per level (Snappy by default), which wins over the type
        return currentOptions.setCompressionType(CompressionType.NO_COMPRESSION)
                .setCompressionPerLevel(Collections.nCopies(currentOptions.numLevels(), CompressionType.NO_COMPRESSION));
    }
}
