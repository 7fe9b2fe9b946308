package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.event.CommandAck;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.Heartbeat;
import io.gridwarden.common.event.Problem;
import io.gridwarden.common.town.Device;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandAcksTest {

    private static final CommandIds IDS = CommandIds.random();
    private static final Instant NOW = Instant.parse("2026-11-22T08:01:00Z");
    private static final Device OFFICER = IngestFixtures.TOWN.device("off-01").orElseThrow();
    private final CommandAcks acks = new CommandAcks(IDS);

    @Test
    void shouldLetADeviceAcknowledgeItsOwnCommands() {
        String own = IDS.make("vio-1", Command.ASSIGNMENT, "off-01", NOW);

        assertThat(acks.refusal(OFFICER, List.of(heartbeat(), ack(own)))).isEmpty();
    }

    @Test
    void shouldNameEveryAckOfACommandSentToAnotherDevice() {
        String someoneElses = IDS.make("vio-1", Command.ASSIGNMENT, "off-02", NOW);

        var refusal = acks.refusal(OFFICER, List.of(heartbeat(), ack(someoneElses), ack("cmd-made-up")));

        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(Rejection.Reason.NOT_COMMAND_TARGET);
            assertThat(r.problems()).extracting(Problem::index).containsExactly(1, 2);
            assertThat(r.detail()).startsWith("event 1 acknowledges a command that was not sent to off-01");
        });
    }

    private static DeviceEvent ack(String command) {
        return new DeviceEvent("a-" + command.hashCode(), "off-01", EventType.COMMAND_ACK, NOW, null, new CommandAck(command, "accepted", null));
    }

    private static DeviceEvent heartbeat() {
        return new DeviceEvent("h-1", "off-01", EventType.HEARTBEAT, NOW, null, new Heartbeat(Map.of()));
    }
}
