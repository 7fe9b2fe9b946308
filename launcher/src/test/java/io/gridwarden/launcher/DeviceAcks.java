package io.gridwarden.launcher;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The devices' answers to the commands the webhook receiver took, as real devices give them (else alerting sends a
 * command again after its acknowledgement timeout): the camera "played", the officer "accepted", each acknowledgement
 * sent over HTTP to an ingest instance. The device of a command is its action's target on the actions topic.
 */
final class DeviceAcks implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(90);

    private final WebhookReceiver devices;
    private final ActionsTopicReader actions;
    private final Supplier<IngestInstance> ingest;
    private final DemoEvents events = new DemoEvents("cluster-acks");
    private final Set<String> answered = new HashSet<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    DeviceAcks(WebhookReceiver devices, ActionsTopicReader actions, Supplier<IngestInstance> ingest) {
        this.devices = devices;
        this.actions = actions;
        this.ingest = ingest;
        thread = new Thread(this::answerUntilClosed, "device-acks");
        thread.setDaemon(true);
        thread.start();
    }

    private void answerUntilClosed() {
        while (running.get()) {
            for (WebhookReceiver.Delivery delivery : List.copyOf(devices.delivered)) {
                if (!answered.contains(delivery.command())) {
                    command(delivery.command()).ifPresent(this::answer);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Optional<Action> command(String id) {
        return actions.read.stream().filter(a -> a.kind() == Action.Kind.COMMAND && a.id().equals(id)).findFirst();
    }

    private void answer(Action command) {
        String result = command.command().type().equals(Command.VOICE_WARNING) ? "played" : "accepted";
        try {
            DeviceClient.Reply reply = new DeviceClient(ingest.get().ingestUrl()).send(DeviceClient.demoToken(command.target()),
                    List.of(events.ack(command.target(), Instant.now(), command.id(), result)));
            if (reply.status() == 202) {
                answered.add(command.id());
            }
        } catch (Exception retryNextRound) {
            // the instance may be restarting: the next round tries again
        }
    }

    /** Waits until the job has written the acknowledgement of {@code commandId} to the actions topic. */
    void awaitAcknowledged(String commandId) throws InterruptedException {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        while (actions.read.stream().noneMatch(a -> a.kind() == Action.Kind.COMMAND_ACKED && a.ack().command().equals(commandId))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no acknowledgement of " + commandId + " on the actions topic within " + ACK_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
