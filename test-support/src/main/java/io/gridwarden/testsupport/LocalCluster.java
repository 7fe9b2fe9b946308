package io.gridwarden.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure of the scale-out deployment on one machine, for {@code scripts/cluster-up.sh}: a KRaft Kafka
 * broker and a Flink session cluster (job manager and task manager in JVMs of their own, the classpath
 * {@link FlinkDistribution} picks from this JVM's), with the given topics created. Writes the addresses to
 * {@code <dir>/endpoints.env} (shell variables), then runs until stopped (Ctrl-C, SIGTERM), when it stops them.
 *
 * <pre>java -cp … io.gridwarden.testsupport.LocalCluster [--slots=N] &lt;dir&gt; &lt;topic&gt;:&lt;partitions&gt;[:compact]…</pre>
 *
 * <p>{@code --slots}: the task manager's slots (default {@link FlinkSessionConfig#SLOTS}).
 */
public final class LocalCluster {

    /** What the gridwarden topics need: a record's time is the broker's (see the deployment docs). */
    private static final Map<String, String> TOPIC_CONFIG = Map.of("message.timestamp.type", "LogAppendTime");

    private static final String SLOTS_OPTION = "--slots=";

    private LocalCluster() {}

    public static void main(String[] options) throws Exception {
        int slots = FlinkSessionConfig.SLOTS;
        String[] args = options;
        if (args.length > 0 && args[0].startsWith(SLOTS_OPTION)) {
            slots = Integer.parseInt(args[0].substring(SLOTS_OPTION.length()));
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        if (args.length < 1) {
            System.err.println("usage: LocalCluster [--slots=N] <dir> [<topic>:<partitions>[:compact|:forever]…]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        FlinkSessionCluster flink = FlinkSessionCluster.launch(dir, slots);
        SingleNodeKafka kafka = SingleNodeKafka.start(dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(flink, kafka);
            stopped.countDown();
        }, "local-cluster-stop"));
        for (int i = 1; i < args.length; i++) {
            String[] topic = args[i].split(":");
            Map<String, String> config = new HashMap<>(TOPIC_CONFIG);
            if (topic.length > 2 && topic[2].equals("compact")) {
                config.put("cleanup.policy", "compact");
            }
            if (topic.length > 2 && topic[2].equals("forever")) { // the town topic: kept forever, records up to 2 MiB
                config.putAll(Map.of("retention.ms", "-1", "retention.bytes", "-1", "max.message.bytes", "2097152"));
            }
            kafka.createTopic(topic[0], Integer.parseInt(topic[1]), config);
        }
        flink.awaitSlots(slots);
        List<String> endpoints = new ArrayList<>(List.of("KAFKA_BOOTSTRAP=" + kafka.bootstrap(),
                "FLINK_JOBMANAGER=" + flink.restAddress(), "FLINK_CHECKPOINTS=" + flink.checkpointDir.toUri()));
        Files.write(dir.resolve("endpoints.env.tmp"), endpoints);
        Files.move(dir.resolve("endpoints.env.tmp"), dir.resolve("endpoints.env")); // appears whole, for the script waiting on it
        System.out.println("local cluster up: " + String.join(" ", endpoints));
        stopped.await();
    }

    private static void stop(FlinkSessionCluster flink, SingleNodeKafka kafka) {
        try {
            flink.close();
            kafka.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
