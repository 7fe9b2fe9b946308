package io.gridwarden.ingest;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Real third-party MQTT clients (HiveMQ) speaking to the ingest MQTT endpoint on loopback. */
final class MqttFixtures {

    static final String HOST = "127.0.0.1";
    static final IngestConfig LOOPBACK = IngestConfig.defaults().withHost(HOST).withHttpPort(0).withMqttPort(0);
    private static final long WAIT_SECONDS = 10;

    private MqttFixtures() {}

    /** An MQTT 5 client, not yet connected; its client id is the device id, as a camera would set it. */
    static Mqtt5AsyncClient mqtt5(int port, String deviceId) {
        return MqttClient.builder().useMqttVersion5().identifier(deviceId).serverHost(HOST).serverPort(port).buildAsync();
    }

    static Mqtt3AsyncClient mqtt3(int port, String deviceId) {
        return MqttClient.builder().useMqttVersion3().identifier(deviceId).serverHost(HOST).serverPort(port).buildAsync();
    }

    static Mqtt5AsyncClient connected5(int port, String username, String password) throws Exception {
        Mqtt5AsyncClient client = mqtt5(port, username);
        await(client.connectWith().simpleAuth().username(username).password(bytes(password)).applySimpleAuth().send());
        return client;
    }

    static Mqtt3AsyncClient connected3(int port, String username, String password) throws Exception {
        Mqtt3AsyncClient client = mqtt3(port, username);
        await(client.connectWith().simpleAuth().username(username).password(bytes(password)).applySimpleAuth().send());
        return client;
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code, success or not. */
    static Mqtt5PubAckReasonCode publishQos1(Mqtt5AsyncClient client, String topic, Object payload) throws Exception {
        try {
            Mqtt5PublishResult result = await(client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(bytes(payload.toString())).send());
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt5PubAckException refused) {
                return refused.getMqttMessage().getReasonCode();
            }
            throw e;
        }
    }

    /** Subscribes and returns the SUBACK, whether or not it refuses some filters. */
    static Mqtt5SubAck subscribe(Mqtt5AsyncClient client, Mqtt5Subscribe subscribe) throws Exception {
        try {
            return await(client.subscribe(subscribe));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Mqtt5SubAckException refused) {
                return refused.getMqttMessage();
            }
            throw e;
        }
    }

    /** Waits (up to the usual bound) until the condition holds: for what the server does after a client has moved on. */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static <T> T await(Future<T> future) throws Exception {
        return await(future.toCompletionStage().toCompletableFuture());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
