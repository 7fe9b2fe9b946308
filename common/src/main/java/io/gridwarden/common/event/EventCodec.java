package io.gridwarden.common.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.jackson.JsonFormat;
import io.gridwarden.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Device events in CloudEvents 1.0 structured JSON, in and out.
 *
 * <p>Reading takes two paths with one outcome: {@link StreamingEventReader} reads the common case (plain,
 * valid events) in one pass; anything it finds unusual is read again by {@link TreeEventReader}, which
 * names each problem and lets the CloudEvents SDK check what only it can. A Kafka topic stores events in
 * the same wire form, with the extension attribute {@code ingesttime}; the embedded log stores them in
 * {@link CompactEvents}' form ({@link StoredForm}), and {@link #decode} reads both.
 */
public final class EventCodec {

    /** Events stamped further ahead than this are refused: the device's clock is wrong. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);
    /** The extension attribute that carries the time ingest made the event durable. */
    public static final String INGEST_TIME_ATTRIBUTE = "ingesttime";

    /** Boxes and confidences are most of a detection's numbers: Jackson's fast double parser reads them. */
    static final ObjectMapper MAPPER = Json.configure(new ObjectMapper(JsonFactory.builder()
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build()))
            .registerModule(JsonFormat.getCloudEventJacksonModule());

    private EventCodec() {}

    /**
     * Parses a request body holding one event (a JSON object) or a batch (a JSON array).
     *
     * @param now the ingest clock, for the future-time limit
     */
    public static ParsedEvents parse(byte[] body, Instant now) {
        PlainEvents plain = StreamingEventReader.readBody(body, now);
        return plain != null ? new ParsedEvents(plain.events(), List.of()) : TreeEventReader.read(body, now, null);
    }

    /**
     * Parses like {@link #parse} and, when the body is valid, gives each event the bytes the log stores for it,
     * stamped with {@code now} as its ingest time (see {@link StampedEvents}).
     */
    public static StampedEvents parseStamped(byte[] body, Instant now) {
        return StampedEvents.parse(body, now);
    }

    /**
     * {@link #parseStamped} for the common case alone, in one pass that stops early: null when the body holds
     * anything unusual or an array of more than {@code maxEvents} events, and {@link #parseStamped} must judge it.
     * Whatever this accepts, {@link #parseStamped} accepts as the same events with the same stored bytes.
     */
    public static StampedEvents parseStampedPlain(byte[] body, Instant now, int maxEvents) {
        return StampedEvents.parsePlain(body, now, maxEvents);
    }

    /**
     * What {@link #parseStamped} gives, judged by the tree reader alone: for a body {@link #parseStampedPlain}
     * declined, which the one-pass reader need not read again.
     */
    public static StampedEvents parseStampedByTree(byte[] body, Instant now) {
        return StampedEvents.parseByTree(body, now);
    }

    /**
     * Decodes one event the log stored, in either {@link StoredForm}; the log holds only events that were valid when
     * stored. Throws {@link IllegalArgumentException} (or another runtime exception) for bytes that are neither.
     */
    public static DeviceEvent decode(byte[] stored) {
        if (CompactEvents.isCompact(stored)) {
            return CompactEvents.decode(stored);
        }
        DeviceEvent event = StreamingEventReader.readStored(stored);
        return event != null ? event : TreeEventReader.decode(stored);
    }

    /** Encodes an event in CloudEvents structured JSON, with its ingest time when it has one. */
    public static byte[] encode(DeviceEvent event) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", event.id())
                .put("source", event.source())
                .put("type", event.type().wireName())
                .put("time", event.time().toString());
        if (event.ingestTime() != null) {
            node.put(INGEST_TIME_ATTRIBUTE, event.ingestTime().toString());
        }
        node.set("data", EventDataCodec.write(event.data()));
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.id(), e);
        }
    }
}
