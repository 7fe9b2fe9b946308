package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MqttConnectTermsTest {

    private static final MqttSessionLimits ONE_DAY = MqttSessionLimits.defaults().withMaxExpiry(Duration.ofDays(1));
    private static final int MQTT_311 = 4;
    private static final int MQTT_5 = 5;

    @Test
    void mqtt311CleanSessionOffIsKeptForTheCap() {
        assertThat(MqttConnectTerms.of(MQTT_311, false, MqttProperties.NO_PROPERTIES, ONE_DAY).expirySeconds()).isEqualTo(86_400);
        assertThat(MqttConnectTerms.of(MQTT_311, true, MqttProperties.NO_PROPERTIES, ONE_DAY).expirySeconds()).isZero();
    }

    @Test
    void mqtt5WithoutExpiryEndsWithTheConnection() {
        var terms = MqttConnectTerms.of(MQTT_5, false, MqttProperties.NO_PROPERTIES, ONE_DAY);

        assertThat(terms.expirySeconds()).isZero();
        assertThat(terms.receiveMaximum()).isEqualTo(MqttConnectTerms.DEFAULT_RECEIVE_MAXIMUM);
    }

    @Test
    void mqtt5NeverExpiringIsLoweredToTheCapAndSaysSo() {
        var terms = MqttConnectTerms.of(MQTT_5, false, properties(MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0xFFFFFFFF), ONE_DAY);

        assertThat(terms.expirySeconds()).isEqualTo(86_400);
        assertThat(terms.expiryLowered()).isTrue();
    }

    @Test
    void mqtt5ExpiryWithinTheCapAndReceiveMaximumAreTaken() {
        MqttProperties properties = properties(MqttPropertyType.SESSION_EXPIRY_INTERVAL, 600);
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), 5));

        var terms = MqttConnectTerms.of(MQTT_5, true, properties, ONE_DAY);

        assertThat(terms).isEqualTo(new MqttConnectTerms(true, 600, false, 5));
    }

    @Test
    void disconnectMayShortenButNotGiveLifeToASessionEndingWithItsConnection() {
        MqttProperties zero = properties(MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0);
        MqttProperties week = properties(MqttPropertyType.SESSION_EXPIRY_INTERVAL, 604_800);

        assertThat(MqttConnectTerms.expiryOnDisconnect(600, zero, ONE_DAY)).isZero();
        assertThat(MqttConnectTerms.expiryOnDisconnect(600, week, ONE_DAY)).isEqualTo(86_400);
        assertThat(MqttConnectTerms.expiryOnDisconnect(0, week, ONE_DAY)).isZero();
        assertThat(MqttConnectTerms.expiryOnDisconnect(600, MqttProperties.NO_PROPERTIES, ONE_DAY)).isEqualTo(600);
    }

    private static MqttProperties properties(MqttPropertyType type, int value) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(type.value(), value));
        return properties;
    }
}
