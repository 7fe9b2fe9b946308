package io.gridwarden.ingest;

/** The MQTT topic names of the contract: a device publishes on its events topic and subscribes to its commands topic. */
final class MqttTopics {

    private static final String PREFIX = "devices/";
    private static final String EVENTS_SUFFIX = "/events";
    private static final String COMMANDS_SUFFIX = "/commands";

    private MqttTopics() {}

    static String events(String deviceId) {
        return PREFIX + deviceId + EVENTS_SUFFIX;
    }

    static String commands(String deviceId) {
        return PREFIX + deviceId + COMMANDS_SUFFIX;
    }
}
