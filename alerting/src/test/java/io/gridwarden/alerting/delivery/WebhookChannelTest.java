package io.gridwarden.alerting.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.Town;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookChannelTest {

    @Test
    void shouldPostToTheGatewayPathOfTheDevice() {
        WebhookChannel channel = new WebhookChannel(null, Town.demo(), "http://gw.local:9000/", Duration.ofSeconds(1));
        assertThat(channel.url("cam-0001")).contains("http://gw.local:9000/devices/cam-0001/commands");
    }

    @Test
    void shouldNotReachUnknownDevicesOrDevicesWithoutAnyUrl() {
        assertThat(new WebhookChannel(null, Town.demo(), "http://gw", Duration.ofSeconds(1)).canReach("cam-9999")).isFalse();
        assertThat(new WebhookChannel(null, Town.demo(), null, Duration.ofSeconds(1)).canReach("cam-0001")).isFalse();
    }

    @Test
    void shouldPreferTheDevicesOwnCommandUrl(@TempDir Path dir) throws Exception {
        String demo;
        try (InputStream in = Town.class.getResourceAsStream("/towns/demo-town.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path town = dir.resolve("town.yaml");
        Files.writeString(town, demo.replaceFirst("(  - id: cam-0001\n)", "$1    commandUrl: http://cam-0001.local/commands\n"));
        WebhookChannel channel = new WebhookChannel(null, Town.load(town.toString()), "http://gw", Duration.ofSeconds(1));
        assertThat(channel.url("cam-0001")).contains("http://cam-0001.local/commands");
        assertThat(channel.url("cam-0002")).contains("http://gw/devices/cam-0002/commands");
    }
}
