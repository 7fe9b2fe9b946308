package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process on a slow disk: every fsync of its data directory stalls ({@link SlowFsync}). Devices
 * keep sending; the event log's write queue bound must hold, so ingest sheds with 503 and Retry-After
 * instead of buffering, and the process's memory stays flat.
 */
@DisplayName("a slow disk")
class SlowDiskTest {

    private static final int QUEUE = 64;
    private static final int DEVICES = 200;
    private static final long FSYNC_MILLIS = 300;
    private static final Duration STALL = Duration.ofSeconds(15);
    /** What the process may grow by while the disk stalls: far less than the requests it refuses would take. */
    private static final long RSS_GROWTH_LIMIT = 150L << 20;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final DemoEvents events = new DemoEvents("slow-disk");

    @Test
    @DisplayName("While each fsync takes 300 ms, the write queue bound holds: devices get 503 overloaded with Retry-After, memory stays flat, and 202s come back once the disk is fast again")
    void shouldShedLoadWithoutGrowingWhileFsyncStalls() throws Exception {
        Path data = dir.resolve("data");
        SlowFsync disk = SlowFsync.build(Files.createDirectories(dir.resolve("slow")), data);
        try (var gridwarden = new GridwardenProcess(data, "http://127.0.0.1:9", ExposedPortsTest.output("slow-disk"))
                .withEnvironment(disk.environment())
                .start(List.of("--max-pending-appends", "" + QUEUE, "--device-rate", "1000000", "--device-burst", "1000000"))) {
            for (int i = 0; i < 20; i++) {
                assertThat(send(gridwarden, "cam-0001").statusCode()).isEqualTo(202);
            }
            long baseline = rss(gridwarden.pid());

            disk.delay(FSYNC_MILLIS);
            ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<String> badRefusals = new ArrayList<>();
            Instant until = Instant.now().plus(STALL);
            ExecutorService devices = Executors.newFixedThreadPool(DEVICES);
            for (int d = 0; d < DEVICES; d++) {
                String camera = "cam-%04d".formatted(1 + d % 134);
                devices.submit(() -> {
                    while (Instant.now().isBefore(until)) {
                        HttpResponse<String> reply = send(gridwarden, camera);
                        statuses.computeIfAbsent(reply.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (reply.statusCode() == 503 && (reply.headers().firstValue("retry-after").isEmpty()
                                || !reply.body().contains("urn:gridwarden:problem:overloaded"))) {
                            badRefusals.add(reply.headers().map() + " " + reply.body());
                        }
                        if (reply.statusCode() == 503) {
                            Thread.sleep(100);
                        }
                    }
                    return null;
                });
            }
            long maxRss = baseline;
            while (Instant.now().isBefore(until)) {
                maxRss = Math.max(maxRss, rss(gridwarden.pid()));
                Thread.sleep(250);
            }
            devices.shutdown();
            assertThat(devices.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            System.out.printf("slow disk (fsync +%d ms, queue %d, %d devices, %s): statuses %s; RSS %d MB before, at most %d MB during%n",
                    FSYNC_MILLIS, QUEUE, DEVICES, STALL, statuses, baseline >> 20, maxRss >> 20);

            assertThat(statuses.keySet()).as("statuses").containsOnly(202, 503);
            assertThat(statuses.get(503).get()).as("refused while the disk stalls").isPositive();
            assertThat(badRefusals).as("503s without Retry-After or not 'overloaded'").isEmpty();
            assertThat(maxRss - baseline).as("RSS growth while the disk stalls").isLessThan(RSS_GROWTH_LIMIT);

            disk.delay(0);
            Instant deadline = Instant.now().plusSeconds(10);
            int status = send(gridwarden, "cam-0001").statusCode();
            while (status != 202 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                status = send(gridwarden, "cam-0001").statusCode();
            }
            assertThat(status).as("once the disk is fast again").isEqualTo(202);
        }
    }

    private HttpResponse<String> send(GridwardenProcess gridwarden, String camera) throws Exception {
        List<DeviceEvent> batch = List.of(events.frame(camera, Instant.now(), List.of(DemoEvents.car("t-1"))),
                events.frame(camera, Instant.now(), List.of(DemoEvents.car("t-1"))));
        return http.send(HttpRequest.newBuilder(URI.create(gridwarden.ingestUrl() + "/v1/events"))
                .header("Authorization", "Bearer " + DeviceClient.demoToken(camera)).header("Content-Type", DeviceClient.BATCH_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(DeviceClient.batchOf(batch))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The process's resident memory, from {@code /proc/<pid>/status}. */
    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
