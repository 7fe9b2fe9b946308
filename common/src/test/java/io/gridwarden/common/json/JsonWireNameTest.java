package io.gridwarden.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.gridwarden.common.action.ViolationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWireNameTest {

    record Holder(ViolationStatus status, List<ViolationStatus> history) {}

    @Test
    void shouldWriteAndReadEnumsByTheirWireName() throws Exception {
        var holder = new Holder(ViolationStatus.RESOLVED_BY_WARNING, List.of(ViolationStatus.DETECTED, ViolationStatus.WARNED));

        String json = Json.toString(holder);

        assertThat(json).isEqualTo("{\"status\":\"resolved_by_warning\",\"history\":[\"detected\",\"warned\"]}");
        assertThat(Json.mapper().readValue(json, Holder.class)).isEqualTo(holder);
    }

    @Test
    void shouldRefuseTheJavaNameAndUnknownNames() {
        assertThatThrownBy(() -> Json.mapper().readValue("{\"status\":\"RESOLVED_BY_WARNING\"}", Holder.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("unknown ViolationStatus RESOLVED_BY_WARNING");
        assertThatThrownBy(() -> Json.mapper().readValue("{\"status\":\"parked\"}", Holder.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("unknown ViolationStatus parked");
    }
}
