package io.gridwarden.bench;

import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.jobs.assign.NearestOfficer;
import io.gridwarden.jobs.assign.OfficerDirectory;
import io.gridwarden.jobs.model.OfficerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nearest available officer among {@code officers} officers of one unit spread over a county
 * (about 33 × 44 km), a third of them busy: the grid index ({@code indexed}) against a scan of every
 * officer ({@code scan}, the previous implementation). Score: lookups per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NearestOfficerBenchmark {

    private static final long NOW = 1_000_000;

    @Param({"10000"})
    public int officers;

    private final NearestOfficer nearest = new NearestOfficer(Duration.ofMinutes(5));
    private final OfficerDirectory directory = new OfficerDirectory();
    private final List<OfficerState> all = new ArrayList<>();
    private double[][] queries;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        for (int i = 0; i < officers; i++) {
            Availability status = i % 3 == 0 ? Availability.BUSY : Availability.AVAILABLE;
            OfficerState o = new OfficerState("o-" + i, "county", 28.5 + random.nextDouble() * 0.3, 118.4 + random.nextDouble() * 0.4,
                    status, NOW, null, NOW - i);
            directory.put(o);
            all.add(o);
        }
        queries = new double[1024][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = new double[] {28.5 + random.nextDouble() * 0.3, 118.4 + random.nextDouble() * 0.4};
        }
    }

    @Benchmark
    public Object indexed() {
        double[] q = queries[next++ & 1023];
        return nearest.choose(directory, "county", List.of(), q[0], q[1], NOW, Set.of());
    }

    @Benchmark
    public Object scan() {
        double[] q = queries[next++ & 1023];
        return nearest.choose(all, "county", List.of(), q[0], q[1], NOW);
    }
}
