package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.testsupport.ChildJvm;
import io.gridwarden.testsupport.FlinkSessionCluster;
import io.gridwarden.testsupport.FlinkSessionConfig;
import io.gridwarden.testsupport.RunScratch;
import io.gridwarden.testsupport.SingleNodeKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale-out deployment on one machine, every part a real process: a Flink session cluster (job manager and
 * task manager in JVMs of their own), the enforcement job submitted with {@code gridwarden jobs submit}, two
 * {@code gridwarden ingest} instances and two {@code gridwarden alerting} instances (commands to the test's webhook
 * receiver), over topics of their own on a KRaft broker.
 */
final class ClusterTopology implements AutoCloseable {

    static final int EVENT_PARTITIONS = 4;
    static final int DELIVERY_PARTITIONS = 4;
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern JOB_ID = Pattern.compile("job ([0-9a-f]{32}) runs on");
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m");
    private static Path town;

    final Path dir;
    final SingleNodeKafka kafka;
    final String eventsTopic = KafkaIngestFixtures.newTopic("cluster-events");
    final String actionsTopic = KafkaIngestFixtures.newTopic("cluster-actions");
    final String deliveriesTopic = KafkaIngestFixtures.newTopic("cluster-deliveries");
    final String jobsGroup = "gridwarden-cluster-test-" + eventsTopic;
    final Path checkpointDir;
    final FlinkSessionCluster flink;
    final List<IngestInstance> ingest = new CopyOnWriteArrayList<>();
    final List<AlertingInstance> alerting = new ArrayList<>();
    String jobId;

    private ClusterTopology(Path dir, SingleNodeKafka kafka, FlinkSessionCluster flink) {
        this.dir = dir;
        this.kafka = kafka;
        this.flink = flink;
        this.checkpointDir = dir.resolve("checkpoints");
    }

    /** Starts the cluster's JVMs, creates the topics, submits the job, then starts two ingest instances, a and b. */
    static ClusterTopology start(Path dir, SingleNodeKafka kafka, WebhookReceiver devices) throws Exception {
        ClusterTopology topology = new ClusterTopology(dir, kafka, FlinkSessionCluster.launch(dir));
        try {
            topology.createTopics();
            topology.flink.awaitSlots(FlinkSessionConfig.SLOTS); // the cluster's JVMs first: their RPC systems give up after 10 s
            for (String id : List.of("a", "b")) {
                topology.ingest.add(IngestInstance.start(id, dir.resolve("ingest-" + id + ".log"), testTown().toString(),
                        kafka.bootstrap(), topology.eventsTopic, EVENT_PARTITIONS, "--jobs-group", topology.jobsGroup));
                topology.alerting.add(topology.startAlerting("alerting-" + id, devices));
            }
            topology.jobId = topology.submitJob();
            for (IngestInstance instance : topology.ingest) {
                instance.awaitReady();
            }
            for (AlertingInstance instance : topology.alerting) {
                instance.awaitReady();
            }
            return topology;
        } catch (Throwable failure) {
            System.err.println(topology.diagnostics());
            topology.close();
            throw failure;
        }
    }

    private void createTopics() throws Exception {
        kafka.createTopic(eventsTopic, EVENT_PARTITIONS, KafkaTopics.TOPIC_CONFIG);
        kafka.createTopic(actionsTopic, KafkaTopics.ACTION_PARTITIONS, KafkaTopics.TOPIC_CONFIG);
        Map<String, String> compacted = new HashMap<>(KafkaTopics.TOPIC_CONFIG);
        compacted.put("cleanup.policy", "compact");
        kafka.createTopic(deliveriesTopic, DELIVERY_PARTITIONS, compacted);
    }

    /** {@code gridwarden alerting}, its commands to {@code devices} under a path of its own (who delivered is known). */
    private AlertingInstance startAlerting(String id, WebhookReceiver devices) {
        return AlertingInstance.start(id, dir, "--kafka-bootstrap", kafka.bootstrap(), "--actions-topic", actionsTopic,
                "--events-topic", eventsTopic, "--event-partitions", "" + EVENT_PARTITIONS, "--deliveries-topic", deliveriesTopic,
                "--delivery-partitions", "" + DELIVERY_PARTITIONS, "--group-id", "alerting-" + actionsTopic,
                "--group-session-timeout", "PT6S", "--command-gateway", devices.gatewayFor(id));
    }

    /**
     * {@code kill -9} of alerting instance {@code id}, then its restart with the same id and data directory, as a
     * supervisor does: the group gives its partitions of the deliveries topic to the instances alive.
     */
    void killAndRestartAlerting(String id, WebhookReceiver devices) throws InterruptedException {
        AlertingInstance killed = alerting(id);
        killed.kill();
        alerting.remove(killed);
        alerting.add(startAlerting(id, devices));
    }

    AlertingInstance alerting(String id) {
        return alerting.stream().filter(i -> i.instanceId.equals(id)).findFirst().orElseThrow();
    }

    /** {@code gridwarden jobs submit} as an operator runs it, in a JVM of its own; the job's id it printed. */
    private String submitJob() throws Exception {
        List<String> args = List.of("jobs", "submit", "--jobmanager", flink.restAddress(),
                "--job-jar", JobsSubmitRefusalsTest.jobJar().toString(), "--town", testTown().toString(),
                "--command-secret-file", TestSecrets.commandSecretFile(), "--kafka-bootstrap", kafka.bootstrap(),
                "--events-topic", eventsTopic, "--event-partitions", "" + EVENT_PARTITIONS, "--actions-topic", actionsTopic,
                "--group-id", jobsGroup, "--parallelism", "" + FlinkSessionConfig.SLOTS,
                "--checkpoint-dir", checkpointDir.toUri().toString(), "--checkpoint-interval", "PT1S");
        try (ChildJvm submit = ChildJvm.start("gridwarden jobs submit", dir.resolve("jobs-submit.log"), JVM_OPTIONS,
                Main.class.getName(), args)) {
            assertThat(submit.awaitExit(SUBMIT_TIMEOUT)).as("exit code of %s", submit.tail(40)).isZero();
            Matcher submitted = JOB_ID.matcher(submit.output());
            assertThat(submitted.find()).as("the job id printed by %s", submit.tail(40)).isTrue();
            return submitted.group(1);
        }
    }

    IngestInstance ingest(String id) {
        return ingest.stream().filter(i -> i.instanceId.equals(id)).findFirst().orElseThrow();
    }

    /**
     * {@code kill -9} of ingest instance {@code id}, then its restart under the same instance id, as a supervisor
     * (systemd's Restart=always) does: the restart aborts at once the Kafka transaction the killed process left
     * open, which would otherwise hold the job back on the partitions it touched until the transaction times out.
     */
    IngestInstance killAndRestartIngest(String id) throws InterruptedException {
        IngestInstance killed = ingest(id);
        killed.kill();
        ingest.remove(killed);
        IngestInstance again = IngestInstance.start(id, dir.resolve("ingest-" + id + "-again.log"), testTown().toString(),
                kafka.bootstrap(), eventsTopic, EVENT_PARTITIONS, "--jobs-group", jobsGroup);
        ingest.add(again);
        return again.awaitReady();
    }

    /** The checkpoints the job has completed in {@code --checkpoint-dir}. */
    List<Path> completedCheckpoints() throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return List.of();
        }
        try (var files = Files.walk(checkpointDir)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata")).toList();
        }
    }

    /** The demo town (its devices and tokens) with cam-0001's parking zone at a 3 s dwell and a 3 s grace. */
    static synchronized Path testTown() {
        if (town == null) {
            try (InputStream in = ClusterTopology.class.getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
                String demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String zone = "polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]], dwell: 60s, grace: 30s,";
                assertThat(demo).contains(zone);
                town = Files.writeString(RunScratch.directory("gridwarden-cluster-town").resolve("town.yaml"),
                        demo.replaceFirst(Pattern.quote(zone), zone.replace("dwell: 60s, grace: 30s", "dwell: 3s, grace: 3s")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return town;
    }

    String diagnostics() {
        StringBuilder text = new StringBuilder(flink.diagnostics());
        ingest.forEach(i -> text.append(i.tail(40)).append('\n'));
        alerting.forEach(i -> text.append(i.tail(40)).append('\n'));
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (AlertingInstance instance : alerting) {
            instance.close();
        }
        for (IngestInstance instance : ingest) {
            instance.close();
        }
        flink.close();
    }
}
