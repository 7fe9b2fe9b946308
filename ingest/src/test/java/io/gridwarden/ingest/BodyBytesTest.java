package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BodyBytesTest {

    private static final byte[] JSON = "[{\"id\":\"e-1\"}]".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("A body preallocated to its length and filled is read in place, not copied")
    void shouldReadAWholeArrayInPlace() {
        Buffer body = Buffer.buffer(JSON.length).appendBytes(JSON);

        byte[] bytes = BodyBytes.of(body);

        assertThat(bytes).isEqualTo(JSON).isSameAs(((BufferInternal) body).unwrap().array());
    }

    @Test
    @DisplayName("A body with room to spare, a slice or none is copied: exactly its bytes")
    void shouldCopyAnythingElse() {
        Buffer roomy = Buffer.buffer(JSON.length + 100).appendBytes(JSON);
        Buffer slice = Buffer.buffer().appendString("xx").appendBytes(JSON).slice(2, 2 + JSON.length);

        assertThat(BodyBytes.of(roomy)).isEqualTo(JSON).isNotSameAs(((BufferInternal) roomy).unwrap().array());
        assertThat(BodyBytes.of(slice)).isEqualTo(JSON);
        assertThat(BodyBytes.of(null)).isEmpty();
    }
}
