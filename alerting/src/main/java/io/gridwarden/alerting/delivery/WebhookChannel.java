package io.gridwarden.alerting.delivery;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.town.Device;
import io.gridwarden.common.town.Town;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs the command's contract JSON to the device's {@code commandUrl}, or else to
 * {@code <gateway>/devices/<id>/commands}. Any 2xx answer means the device has it.
 */
public final class WebhookChannel implements CommandChannel {

    private final WebClient client;
    private final java.util.function.Supplier<Town> town;
    private final String gateway;
    private final long timeoutMillis;

    /** @param gateway the command gateway's base URL, or null when devices are reached only by their own URL */
    public WebhookChannel(WebClient client, Town town, String gateway, Duration timeout) {
        this(client, () -> town, gateway, timeout);
    }

    /** As above, each device looked up in the town version in force when its command is sent ({@code town}). */
    public WebhookChannel(WebClient client, java.util.function.Supplier<Town> town, String gateway, Duration timeout) {
        this.client = client;
        this.town = town;
        this.gateway = gateway == null ? null : gateway.replaceAll("/+$", "");
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean canReach(String device) {
        return url(device).isPresent();
    }

    @Override
    public Future<Void> send(String device, Command command) {
        Optional<String> url = url(device);
        if (url.isEmpty()) {
            return Future.failedFuture(new DeliveryFailedException("no commandUrl for device " + device + " and no command gateway configured"));
        }
        return client.postAbs(url.get())
                .putHeader("content-type", "application/json")
                .timeout(timeoutMillis)
                .sendBuffer(Buffer.buffer(Json.toBytes(command)))
                .compose(response -> response.statusCode() / 100 == 2
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new DeliveryFailedException(url.get() + " answered " + response.statusCode())));
    }

    Optional<String> url(String deviceId) {
        Optional<Device> device = town.get().device(deviceId);
        if (device.isEmpty()) {
            return Optional.empty();
        }
        String own = device.get().commandUrl();
        if (own != null && !own.isBlank()) {
            return Optional.of(own);
        }
        return Optional.ofNullable(gateway).map(g -> g + "/devices/" + deviceId + "/commands");
    }
}
