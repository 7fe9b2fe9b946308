package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.Device;
import org.junit.jupiter.api.Test;

class DeviceAuthenticatorTest {

    private final DeviceAuthenticator authenticator = new DeviceAuthenticator(IngestFixtures.TOWN);

    @Test
    void shouldFindTheCameraWhoseTokenIsPresented() {
        assertThat(authenticator.authenticate("demo-cam-0001")).map(Device::id).hasValue("cam-0001");
        assertThat(authenticator.authenticate("demo-cam-0134")).map(Device::id).hasValue("cam-0134");
    }

    @Test
    void shouldFindSensorsAndOfficerHandsetsToo() {
        assertThat(authenticator.authenticate("demo-wl-01")).map(Device::kind).hasValue(Device.Kind.SENSOR);
        assertThat(authenticator.authenticate("demo-off-50")).map(Device::kind).hasValue(Device.Kind.OFFICER);
    }

    @Test
    void shouldRefuseUnknownMissingAndEmptyTokens() {
        assertThat(authenticator.authenticate("demo-cam-9999")).isEmpty();
        assertThat(authenticator.authenticate("cam-0001")).isEmpty();
        assertThat(authenticator.authenticate(null)).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
    }

    @Test
    void shouldAcceptABearerHeaderWhateverTheSchemeCase() {
        assertThat(authenticator.authenticateBearer("Bearer demo-cam-0001")).map(Device::id).hasValue("cam-0001");
        assertThat(authenticator.authenticateBearer("bearer demo-cam-0001")).map(Device::id).hasValue("cam-0001");
    }

    @Test
    void shouldRefuseHeadersThatAreNotBearerTokens() {
        assertThat(authenticator.authenticateBearer(null)).isEmpty();
        assertThat(authenticator.authenticateBearer("Bearer ")).isEmpty();
        assertThat(authenticator.authenticateBearer("Basic ZGVtby1jYW0tMDAwMQ==")).isEmpty();
        assertThat(authenticator.authenticateBearer("demo-cam-0001")).isEmpty();
    }
}
