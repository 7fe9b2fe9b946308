package io.gridwarden.common.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The one JSON configuration every module shares: ISO-8601 instants, nulls left out, unknown fields ignored. */
public final class Json {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(wireNames())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Writes every {@link WireName} enum as its wire name, and reads it back from that name only. */
    private static SimpleModule wireNames() {
        return new SimpleModule("gridwarden-wire-names")
                .addSerializer(WireName.class, new StdSerializer<>(WireName.class) {
                    @Override
                    public void serialize(WireName value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                        gen.writeString(value.wireName());
                    }
                })
                .setDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                            BeanDescription description, JsonDeserializer<?> deserializer) {
                        Class<?> raw = type.getRawClass();
                        return WireName.class.isAssignableFrom(raw) ? new WireNameDeserializer(raw) : deserializer;
                    }
                });
    }

    private static final class WireNameDeserializer extends FromStringDeserializer<Object> {
        private final Map<String, Object> byWireName = new HashMap<>();

        WireNameDeserializer(Class<?> type) {
            super(type);
            for (Object constant : type.getEnumConstants()) {
                byWireName.put(((WireName) constant).wireName(), constant);
            }
        }

        @Override
        protected Object _deserialize(String value, DeserializationContext context) {
            Object constant = byWireName.get(value);
            if (constant == null) {
                throw new IllegalArgumentException("unknown " + handledType().getSimpleName() + " " + value
                        + ", expected one of " + byWireName.keySet());
            }
            return constant;
        }
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
