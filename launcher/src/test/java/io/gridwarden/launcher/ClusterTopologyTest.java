package io.gridwarden.launcher;

import static io.gridwarden.launcher.DeviceTraffic.MQTT_CAMERA;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.testsupport.SharedKafka;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out deployment, every part a real process ({@link ClusterTopology}): the demo loop across it, seen by
 * operators on either alerting instance's alert stream, commands delivered to the test's webhook receiver and
 * acknowledged by the devices through ingest; {@code kill -9} of an ingest instance, of an alerting instance and of
 * the task manager, one at a time, under load. cam-0001's zone has a 3 s dwell and
 * a 3 s grace; cam-0002… send empty frames to both instances all along. The task manager's replacement is started
 * ahead of the kill (a spare, as a supervisor would keep): a JVM's start is the slowest step on a busy machine,
 * and what is tested is the job's recovery from its checkpoint onto other slots, not how fast a JVM starts.
 */
@DisplayName("The scale-out deployment, all real processes")
@ExtendWith(SharedKafka.class)
class ClusterTopologyTest {

    /** Close to cam-0001 (28.7405, 118.5860): hecun's team. */
    private static final double[] NEAR = {28.7409, 118.5864};
    /** Also hecun's team, some 8 km away. */
    private static final double[] FAR = {28.7900, 118.6500};
    /** Tanshi's team, a neighbour of hecun ("1+X"). */
    private static final double[] TANSHI = {28.7300, 118.5700};
    /** A camera the town versions submitted during the test add (token demo-cam-9001). */
    private static final String ADDED_CAMERA = "cam-9001";
    /** Generous: on a loaded machine a JVM's start alone can take tens of seconds. */
    private static final Duration DISPATCH_TIMEOUT = Duration.ofSeconds(90);
    /** Longer than alerting's group session timeout (10 s): the rebalances a restart causes are over by then. */
    private static final Duration GROUP_SETTLES = Duration.ofSeconds(12);

    /** Kept when the test fails: the processes' logs are there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final DemoEvents events = new DemoEvents("cluster-officers");

    @Test
    @DisplayName("Warning, grace, dispatch to the nearest officer, then \"1+X\" with hecun's team away; town versions submitted to"
            + " both alerting instances at once, in force on every instance (one file per number, a camera added admitted by"
            + " every ingest, restarted or not); kill -9 of an ingest instance"
            + ", of an alerting instance and of the task manager under load: each command delivered once, every acknowledged event"
            + " in the topic")
    void shouldRunTheDemoLoopFollowTownVersionsEverywhereAndLoseNothingWhenIngestAlertingOrTheTaskManagerIsKilled() throws Exception {
        long t0 = System.nanoTime();
        try (WebhookReceiver devices = new WebhookReceiver();
             ClusterTopology cluster = ClusterTopology.start(dir, SharedKafka.broker(), devices);
             ActionsTopicReader actions = new ActionsTopicReader(SharedKafka.broker().bootstrap(), cluster.actionsTopic);
             AlertStreamClient operatorA = new AlertStreamClient(cluster.alerting("alerting-a").opsUrl(), AlertingInstance.ADMIN_TOKEN);
             AlertStreamClient operatorB = new AlertStreamClient(cluster.alerting("alerting-b").opsUrl(), AlertingInstance.ADMIN_TOKEN);
             DeviceTraffic traffic = new DeviceTraffic(() -> List.copyOf(cluster.ingest), 2); // ~800 events/s over HTTP, both instances
             DeviceAcks acks = new DeviceAcks(devices, actions, () -> cluster.ingest("b"))) {
            log("started", t0);
            CompletableFuture<Set<String>> storedEvents;
            try {
                officer(cluster, "off-01", NEAR, Availability.AVAILABLE);
                officer(cluster, "off-02", FAR, Availability.AVAILABLE);
                traffic.park(DemoEvents.car("t-1"));
                cluster.flink.startTaskManager(); // the replacement, started ahead as a supervisor keeps a spare: its slots wait
                String first = awaitAssignment(actions, "off-01");
                log("t-1 dispatched to the nearest officer", t0);
                Map<Long, String> townVersions = submitTownVersionsToBothAlertingInstances(cluster);
                log("town versions submitted to alerting a and b at once, in force everywhere", t0);

                traffic.park(DemoEvents.car("t-2"));
                officer(cluster, "off-02", FAR, Availability.OFF_DUTY);
                officer(cluster, "off-21", TANSHI, Availability.AVAILABLE);
                awaitFrames(traffic, 4);
                cluster.killAndRestartIngest("a");
                log("ingest a killed and restarted", t0);
                assertThat(TownVersionsAcross.frameStatus(cluster.ingest("a"), ADDED_CAMERA))
                        .as("the restarted ingest a admits at once the camera a town version added").isEqualTo(202);
                String second = awaitAssignment(actions, "off-21");
                log("t-2 dispatched to tanshi's off-21 (1+X)", t0);
                awaitTrue("operators on a see t-2 dispatched", () -> operatorA.saw("violation.dispatched", second));
                acks.awaitAcknowledged(actions.assignmentTo("off-21").orElseThrow().id());
                cluster.killAndRestartAlerting("alerting-a", devices);
                log("alerting a killed and restarted", t0);
                assertThat(TownVersionsAcross.versions(cluster.alerting("alerting-a").awaitReady())).isEqualTo(townVersions);
                // The restarted instance's join moves delivery partitions back to it. A 3 s warning issued while they
                // move can expire before its new owner reads the partition (seen once in the suite): let the group settle.
                Thread.sleep(GROUP_SETTLES.toMillis());

                officer(cluster, "off-03", NEAR, Availability.AVAILABLE);
                traffic.park(DemoEvents.car("t-3"));
                // A voice warning is worth playing only until its grace ends (3 s here): killed before the job's
                // transaction holding it commits, the recovered job writes it again after its deadline and every alerting
                // rightly notes it expired instead of playing it. So the kill waits for the warning to reach the camera.
                awaitWarningDelivered(actions, devices, "t-3");
                cluster.flink.killTaskManager();
                log("task manager killed; the job restarts from its checkpoint on the replacement", t0);
                String third = awaitAssignment(actions, "off-03");
                log("t-3 dispatched to off-03 after the job's recovery", t0);
                traffic.park();
                acks.awaitAcknowledged(actions.assignmentTo("off-03").orElseThrow().id()); // delivered by b, acknowledged
                log("t-3's assignment acknowledged", t0);
                awaitTrue("operators on b see every dispatch", () -> List.of(first, second, third).stream()
                        .allMatch(v -> operatorB.saw("violation.dispatched", v)));
                log("operators on b saw every dispatch", t0);
                Thread.sleep(2_000); // a repeat from the recovery, if any, has its chance to show
                traffic.close();
                // Reading the whole events topic takes half a minute under the cluster's load: beside the waits below.
                storedEvents = CompletableFuture.supplyAsync(
                        () -> KafkaIngestFixtures.readTopic(SharedKafka.broker().bootstrap(), cluster.eventsTopic).keySet());

                Map<String, String> trackOf = tracksByViolation(actions.read);
                assertThat(List.of(first, second, third)).extracting(trackOf::get).containsExactly("t-1", "t-2", "t-3");
                assertOnceEach(actions, trackOf);
                Map<String, String> commands = actions.read.stream().filter(a -> a.kind() == Action.Kind.COMMAND).collect(Collectors
                        .toMap(Action::id, a -> a.command().type() + " to " + a.target() + " for " + trackOf.get(a.command().violation()),
                                (x, y) -> x));
                awaitTrue("every command delivered", () -> devices.countsById().keySet().containsAll(commands.keySet()),
                        () -> "not yet: " + commands.entrySet().stream().filter(c -> !devices.countsById().containsKey(c.getKey())).toList());
                log("every command delivered", t0);
                assertThat(devices.countsById()).as("deliveries at the devices' webhook, per command id")
                        .containsOnlyKeys(commands.keySet()).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));

                assertThat(cluster.flink.jobOverview(cluster.jobId).path("state").asText()).isEqualTo("RUNNING");
                log("the job is running", t0);
                assertThat(cluster.completedCheckpoints()).as("checkpoints in --checkpoint-dir").isNotEmpty();
                log("its checkpoints are in --checkpoint-dir", t0);
            } catch (Throwable failure) {
                System.err.println(cluster.diagnostics());
                throw failure;
            }
            Set<String> stored = storedEvents.join();
            assertThat(stored).as("every acknowledged event, over HTTP and MQTT, in the events topic once")
                    .containsAll(traffic.acknowledged);
            log("checked", t0);
        }
    }

    /**
     * Two admins submit town versions at once, one to alerting a (adding {@link #ADDED_CAMERA}), one to b (adding it and
     * another): each gets 201 under a number of its own, or 409 when the other's claim took the number; never two files
     * under one number. Both instances then list the same versions, and ingest b, which refused the camera before,
     * admits it. The versions, by number (each one's sha256).
     */
    private static Map<Long, String> submitTownVersionsToBothAlertingInstances(ClusterTopology cluster) throws Exception {
        String town = Files.readString(ClusterTopology.testTown());
        String toA = TownVersionsAcross.withCameras(town, ADDED_CAMERA);
        String toB = TownVersionsAcross.withCameras(town, ADDED_CAMERA, "cam-9002");
        assertThat(TownVersionsAcross.frameStatus(cluster.ingest("b"), ADDED_CAMERA)).as("before any version").isEqualTo(401);
        Map<AlertingInstance, String> submissions = new LinkedHashMap<>();
        submissions.put(cluster.alerting("alerting-a"), toA);
        submissions.put(cluster.alerting("alerting-b"), toB);

        List<HttpResponse<String>> answers = TownVersionsAcross.submitAtOnce(submissions);

        Map<Long, String> created = new TreeMap<>();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isIn(201, 409);
            if (answer.statusCode() == 201) {
                JsonObject meta = new JsonObject(answer.body());
                assertThat(created.put(meta.getLong("version"), meta.getString("sha256"))).as("one file per number: %s", answers).isNull();
            } else {
                assertThat(answer.body()).contains("urn:gridwarden:problem:town-change-in-progress");
            }
        }
        assertThat(created).as("at least one of %s", answers).isNotEmpty();
        assertThat(created.values()).isSubsetOf(Secrets.hash(toA), Secrets.hash(toB));
        TownVersionsAcross.awaitVersions(cluster.alerting("alerting-a"), created);
        TownVersionsAcross.awaitVersions(cluster.alerting("alerting-b"), created);
        TownVersionsAcross.awaitAdmitted(cluster.ingest("b"), ADDED_CAMERA);
        TownVersionsAcross.awaitAdmitted(cluster.ingest("a"), ADDED_CAMERA);
        return created;
    }

    /** Each violation warned once and assigned once, by command id; a repeated record repeats the same action. */
    private static void assertOnceEach(ActionsTopicReader actions, Map<String, String> trackOf) {
        Map<String, List<Action>> byId = actions.read.stream().collect(Collectors.groupingBy(Action::id));
        assertThat(byId.values()).allSatisfy(same -> assertThat(same).containsOnly(same.get(0)));
        Map<String, Long> warnings = distinctCommands(actions, Command.VOICE_WARNING, a -> trackOf.get(a.command().violation()));
        assertThat(warnings).as("voice warnings to %s by track", MQTT_CAMERA).isEqualTo(Map.of("t-1", 1L, "t-2", 1L, "t-3", 1L));
        Map<String, Long> assignments = distinctCommands(actions, Command.ASSIGNMENT, a -> trackOf.get(a.command().violation()) + "->" + a.target());
        assertThat(assignments).isEqualTo(Map.of("t-1->off-01", 1L, "t-2->off-21", 1L, "t-3->off-03", 1L));
    }

    private static Map<String, Long> distinctCommands(ActionsTopicReader actions, String type, Function<Action, String> key) {
        return actions.commands(type).stream().collect(Collectors.groupingBy(Action::id)).values().stream()
                .map(same -> key.apply(same.get(0))).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, String> tracksByViolation(List<Action> actions) {
        return actions.stream().filter(a -> a.kind() == Action.Kind.VIOLATION_UPDATE)
                .collect(Collectors.toMap(a -> a.violation().id(), a -> a.violation().track(), (x, y) -> x));
    }

    /** The officer's status, over HTTP to instance b (a is the one killed). */
    private void officer(ClusterTopology cluster, String officer, double[] at, Availability availability) throws Exception {
        DeviceClient.Reply reply = new DeviceClient(cluster.ingest("b").ingestUrl()).send(DeviceClient.demoToken(officer),
                List.of(events.officer(officer, Instant.now(), at[0], at[1], availability)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }

    private static void awaitFrames(DeviceTraffic traffic, int frames) throws InterruptedException {
        int target = traffic.cameraFramesAcknowledged.get() + frames;
        while (traffic.cameraFramesAcknowledged.get() < target) {
            Thread.sleep(50);
        }
    }

    /** Waits until the voice warning of the violation on {@code track} has reached its camera's webhook. */
    private static void awaitWarningDelivered(ActionsTopicReader actions, WebhookReceiver devices, String track)
            throws InterruptedException {
        awaitTrue("the voice warning for " + track + " delivered", () -> {
            Map<String, String> trackOf = tracksByViolation(actions.read);
            return actions.commands(Command.VOICE_WARNING).stream()
                    .anyMatch(a -> track.equals(trackOf.get(a.command().violation())) && devices.countsById().containsKey(a.id()));
        });
    }

    /** The violation of the assignment the job wrote for {@code officer}. */
    private static String awaitAssignment(ActionsTopicReader actions, String officer) throws InterruptedException {
        long deadline = System.nanoTime() + DISPATCH_TIMEOUT.toNanos();
        while (actions.assignmentTo(officer).isEmpty()) {
            assertThat(System.nanoTime()).as("an assignment to %s within %s; assignments so far: %s", officer, DISPATCH_TIMEOUT,
                    actions.commands(Command.ASSIGNMENT)).isLessThan(deadline);
            Thread.sleep(100);
        }
        return actions.assignmentTo(officer).get().violation();
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        awaitTrue(what, condition, () -> "");
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + DISPATCH_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + DISPATCH_TIMEOUT + " " + detail.get());
            }
            Thread.sleep(100);
        }
    }

    private static void log(String what, long t0) {
        System.out.printf("cluster topology: %s at %d s%n", what, (System.nanoTime() - t0) / 1_000_000_000);
    }
}
