package io.gridwarden.alerting.delivery;

import io.gridwarden.common.action.Command;
import io.vertx.core.Future;

/**
 * One way of getting a command to a device. {@link CommandDelivery} asks its channels in order and uses
 * the first that can reach the device: the MQTT session channel goes before the webhook, and says it
 * can reach a device only while that device holds a session.
 */
public interface CommandChannel {

    /** A short name for timelines and logs, e.g. {@code mqtt} or {@code webhook}. */
    String name();

    /** Whether this channel can reach the device right now. */
    boolean canReach(String device);

    /** One attempt; succeeds once the device or its gateway has taken the command, fails otherwise. */
    Future<Void> send(String device, Command command);
}
