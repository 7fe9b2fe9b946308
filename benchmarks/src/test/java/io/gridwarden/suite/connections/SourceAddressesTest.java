package io.gridwarden.suite.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.suite.connections.DeviceFleet.SourceAddresses;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void shouldTakeOneLoopbackAddressPer25000Connections() {
        assertThat(SourceAddresses.loopback(0, 2_000).addresses()).hasSize(1);
        assertThat(SourceAddresses.loopback(0, 50_000).addresses()).hasSize(2);
        assertThat(SourceAddresses.loopback(0, 50_001).addresses()).hasSize(3);
    }

    @Test
    void shouldSpreadConnectionsOverTheAddressesInTurn() {
        SourceAddresses three = SourceAddresses.loopback(3, 10);

        assertThat(three.forConnection(0).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(three.forConnection(1).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(three.forConnection(2).getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(three.forConnection(3).getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldRefuseMoreAddressesThanLoopbackHasInItsLastByte() {
        assertThatThrownBy(() -> SourceAddresses.loopback(255, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
