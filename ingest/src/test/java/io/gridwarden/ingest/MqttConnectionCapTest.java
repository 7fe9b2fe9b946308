package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttConnectionCapTest {

    @Test
    void shouldKeepTheConfiguredCapWhenTheOpenFilesLimitLeavesRoomForIt() {
        MqttConnectionCap cap = MqttConnectionCap.of(50_000, 1_048_576);

        assertThat(cap.effective()).isEqualTo(50_000);
        assertThat(cap.lowered()).isFalse();
    }

    @Test
    void shouldLowerTheCapBelowTheOpenFilesLimitSoThatDevicesBeyondAreAnsweredBusy() {
        MqttConnectionCap cap = MqttConnectionCap.of(50_000, 20_000);

        assertThat(cap.effective()).isEqualTo(20_000 - MqttConnectionCap.RESERVED_FILES);
        assertThat(cap.lowered()).isTrue();
        assertThat(cap.warning()).contains("20000 files", "at most 17952 MQTT connections", "ulimit -n");
    }

    @Test
    void shouldLeaveHalfOfASmallLimitToMqtt() {
        assertThat(MqttConnectionCap.of(50_000, 1_024).effective()).isEqualTo(512);
    }

    @Test
    void shouldKeepTheConfiguredCapWhenTheLimitIsUnknown() {
        assertThat(MqttConnectionCap.of(50_000, -1).effective()).isEqualTo(50_000);
    }

    @Test
    void shouldReadThisProcessesLimit() {
        assertThat(MqttConnectionCap.forThisProcess(1).openFilesLimit()).isPositive();
    }
}
