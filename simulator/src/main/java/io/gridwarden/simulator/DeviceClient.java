package io.gridwarden.simulator;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** What a device does over HTTP: POST its events, one or a batch, with its bearer token. */
public final class DeviceClient {

    public static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI eventsUri;

    public DeviceClient(String ingestBaseUrl) {
        this.eventsUri = URI.create(ingestBaseUrl + "/v1/events");
    }

    /** The answer ingest gave: status code and body. */
    public record Reply(int status, String body) {}

    public Reply send(String token, List<DeviceEvent> events) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(eventsUri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", BATCH_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(batchOf(events)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** The demo town's convention: a device's token is {@code demo-<id>}. */
    public static String demoToken(String deviceId) {
        return "demo-" + deviceId;
    }

    /** Events as one CloudEvents batch body (a JSON array), as HTTP and MQTT both take it. */
    public static byte[] batchOf(List<DeviceEvent> events) {
        var out = new ByteArrayOutputStream(256 * events.size() + 2);
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(EventCodec.encode(events.get(i)));
        }
        out.write(']');
        return out.toByteArray();
    }
}
