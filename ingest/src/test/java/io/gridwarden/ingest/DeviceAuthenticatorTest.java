package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.Device;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    @Test
    void shouldSignInTheDevicesOfANewTownVersionAndNoLongerTheRemovedOnes() {
        String demo = Town.text(Town.DEMO);
        Matcher off01 = Pattern.compile("\\{id: off-01, name: ([^,]+), unit: hecun, tokenHash: [^}]+}").matcher(demo);
        assertThat(off01.find()).isTrue();
        String replaced = "{id: off-99, name: " + off01.group(1) + ", unit: hecun, tokenHash: " + Secrets.hash("demo-off-99") + "}";
        Town next = Town.parse(demo.substring(0, off01.start()) + replaced + demo.substring(off01.end()), Town.DEMO);

        authenticator.use(next);

        assertThat(authenticator.authenticate("demo-off-99")).map(Device::id).hasValue("off-99");
        assertThat(authenticator.authenticate("demo-off-01")).isEmpty();
        assertThat(authenticator.authenticate("demo-cam-0001")).map(Device::id).hasValue("cam-0001");
    }
}
