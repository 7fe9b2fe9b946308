package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import org.junit.jupiter.api.Test;

class MqttReasonCodesTest {

    @Test
    void shouldAnswerEveryRejectionWithAnErrorCode() {
        for (Rejection.Reason reason : Rejection.Reason.values()) {
            assertThat(MqttReasonCodes.pubAck(reason).isError()).as(reason.name()).isTrue();
        }
    }

    @Test
    void shouldUseTheContractsCodesForBadPayloadForeignSourceAndOverload() {
        assertThat(MqttReasonCodes.pubAck(Rejection.Reason.INVALID_EVENTS).value()).isEqualTo((byte) 0x99);
        assertThat(MqttReasonCodes.pubAck(Rejection.Reason.BATCH_TOO_LARGE).value()).isEqualTo((byte) 0x99);
        assertThat(MqttReasonCodes.pubAck(Rejection.Reason.FORBIDDEN).value()).isEqualTo((byte) 0x87);
        assertThat(MqttReasonCodes.pubAck(Rejection.Reason.OVERLOADED).value()).isEqualTo((byte) 0x97);
    }

    @Test
    void shouldLabelMetricsWithTheCodesName() {
        assertThat(MqttReasonCodes.label(MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID)).isEqualTo("payload_format_invalid");
    }
}
