package io.gridwarden.launcher;

import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Devices sending to the ingest instances behind a load balancer, until closed: cam-0001 over MQTT, a frame every
 * {@link #FRAME_MILLIS} ms with what is parked in its zone now, and cameras cam-0002… over HTTP, batches of empty frames,
 * spread over the instances. A device whose instance is gone tries the next one, as behind a load balancer.
 * Every event an instance acknowledged (202, or a PUBACK with SUCCESS) is recorded by its key.
 */
final class DeviceTraffic implements AutoCloseable {

    static final String MQTT_CAMERA = "cam-0001";
    private static final long FRAME_MILLIS = 400;

    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger cameraFramesAcknowledged = new AtomicInteger();
    private final Supplier<List<IngestInstance>> instances;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final DemoEvents events = new DemoEvents("cluster");
    private volatile List<DetectedObject> parked = List.of();

    DeviceTraffic(Supplier<List<IngestInstance>> instances, int httpCameras) {
        this.instances = instances;
        threads.add(start("mqtt " + MQTT_CAMERA, this::cameraOverMqtt));
        for (int c = 0; c < httpCameras; c++) {
            String camera = "cam-%04d".formatted(c + 2);
            int first = c;
            threads.add(start("http " + camera, () -> cameraOverHttp(camera, first)));
        }
    }

    /** What cam-0001 sees in its parking zone from now on. */
    void park(DetectedObject... cars) {
        parked = List.of(cars);
    }

    private void cameraOverMqtt() {
        int attempt = 0;
        while (running.get()) {
            List<IngestInstance> now = instances.get();
            try (MqttCamera camera = new MqttCamera(MQTT_CAMERA, now.get(attempt++ % now.size()).mqttPort, command -> { })) {
                while (running.get()) {
                    List<DeviceEvent> frame = List.of(events.frame(MQTT_CAMERA, Instant.now(), parked));
                    if (!camera.publish(frame).equals("SUCCESS")) {
                        break;
                    }
                    frame.forEach(e -> acknowledged.add(e.dedupKey()));
                    cameraFramesAcknowledged.incrementAndGet();
                    Thread.sleep(FRAME_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException instanceGone) {
                // connect, publish or disconnect failed with the instance: the camera connects to the next one
            }
        }
    }

    private void cameraOverHttp(String camera, int first) {
        int attempt = first;
        while (running.get()) {
            List<IngestInstance> now = instances.get();
            DeviceClient client = new DeviceClient(now.get(attempt++ % now.size()).ingestUrl());
            List<DeviceEvent> batch = emptyFrames(camera);
            try {
                if (KafkaIngestFixtures.sentOverHttp(client, camera, batch)) {
                    batch.forEach(e -> acknowledged.add(e.dedupKey()));
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (Exception instanceGone) {
                // the next batch goes to the next instance
            }
        }
    }

    /** A batch of frames with nothing in view: load, never a violation that would take an officer. */
    private List<DeviceEvent> emptyFrames(String camera) {
        List<DeviceEvent> batch = new ArrayList<>();
        for (int i = 0; i < KafkaIngestFixtures.BATCH; i++) {
            batch.add(events.frame(camera, Instant.now(), List.of()));
        }
        return batch;
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }
}
