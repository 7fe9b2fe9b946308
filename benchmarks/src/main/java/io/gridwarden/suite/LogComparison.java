package io.gridwarden.suite;

import io.gridwarden.suite.settings.SuiteSettings;
import io.gridwarden.suite.log.ClosedLoopAppends;
import io.gridwarden.suite.log.KafkaBroker;
import io.gridwarden.suite.log.KafkaLogUnderTest;
import io.gridwarden.suite.log.RocksLogUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable log alone: gridwarden's RocksDB event log opened in this process against a
 * single-node Kafka broker (child JVM, fsync on every append), same batches, same number of
 * concurrent appenders, interleaved per concurrency level.
 */
public final class LogComparison {

    public static final String ROCKS = "gridwarden event log (RocksDB, fsync)";
    public static final String KAFKA = "Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + " KRaft (acks=all, flush every message)";
    static final int PARTITIONS = 4;

    public static List<ClosedLoopAppends.Figures> run(SuiteSettings s) throws Exception {
        List<ClosedLoopAppends.Figures> out = new ArrayList<>();
        Path dir = Files.createDirectories(s.workDir().resolve("log"));
        try (var broker = KafkaBroker.start(dir, PARTITIONS, true);
             var kafka = new KafkaLogUnderTest(broker.bootstrap(), PARTITIONS);
             var rocks = new RocksLogUnderTest(Files.createTempDirectory(dir, "rocks"), PARTITIONS)) {
            int first = s.appenders().get(0);
            report(new ClosedLoopAppends().run(ROCKS + " (priming)", rocks, first, s.batchSize(), s.prime(), Duration.ofSeconds(1)));
            report(new ClosedLoopAppends().run(KAFKA + " (priming)", kafka, first, s.batchSize(), s.prime(), Duration.ofSeconds(1)));
            for (int appenders : s.appenders()) {
                for (int round = 0; round < s.rounds(); round++) {
                    out.add(report(new ClosedLoopAppends().run(ROCKS, rocks, appenders, s.batchSize(), s.warmup(), s.duration())));
                    out.add(report(new ClosedLoopAppends().run(KAFKA, kafka, appenders, s.batchSize(), s.warmup(), s.duration())));
                }
            }
        }
        return out;
    }

    private static ClosedLoopAppends.Figures report(ClosedLoopAppends.Figures f) {
        System.err.printf("  %-48s %2d appenders: %,10.0f ev/s  p50 %7.2f ms  p99 %7.2f ms  failed %d%n", f.system(), f.appenders(),
                f.eventsPerSecond(), f.p50Millis(), f.p99Millis(), f.failed());
        return f;
    }
}
