package io.gridwarden.alerting.delivery;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.json.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the command's contract JSON on the device's MQTT commands topic through the live session
 * ingest holds. Reaches a device only while it is connected; the publish counts as handed over once
 * the session took it (a PUBACK at QoS 1).
 */
public final class MqttSessionChannel implements CommandChannel {

    private final DeviceSessions sessions;
    private final Context context;
    private final long timeoutMillis;

    public MqttSessionChannel(DeviceSessions sessions, Context context, Duration timeout) {
        this.sessions = sessions;
        this.context = context;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public boolean canReach(String device) {
        return sessions.isConnected(device);
    }

    @Override
    public Future<Void> send(String device, Command command) {
        var published = sessions.publish(device, Json.toBytes(command)).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        return Future.fromCompletionStage(published, context)
                .recover(e -> Future.failedFuture(new DeliveryFailedException("publishing to " + device + " failed: " + e)))
                .compose(taken -> taken
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new DeliveryFailedException(device + " is no longer connected")));
    }
}
