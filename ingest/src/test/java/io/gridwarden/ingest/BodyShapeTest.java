package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyShapeTest {

    @Test
    void shouldReadTheShapeFromTheMediaTypeIgnoringParametersAndCase() {
        assertThat(BodyShape.fromContentType("application/cloudevents+json")).hasValue(BodyShape.SINGLE);
        assertThat(BodyShape.fromContentType("application/cloudevents-batch+json; charset=utf-8")).hasValue(BodyShape.BATCH);
        assertThat(BodyShape.fromContentType("Application/JSON;charset=UTF-8")).hasValue(BodyShape.EITHER);
    }

    @Test
    void shouldRefuseOtherOrMissingMediaTypes() {
        assertThat(BodyShape.fromContentType("text/plain")).isEmpty();
        assertThat(BodyShape.fromContentType("application/cloudevents")).isEmpty();
        assertThat(BodyShape.fromContentType(null)).isEmpty();
    }

    @Test
    void shouldTakeOneEventOrABatchOnlyWhereTheMediaTypeSaysSo() {
        assertThat(BodyShape.SINGLE.accepts(false)).isTrue();
        assertThat(BodyShape.SINGLE.accepts(true)).isFalse();
        assertThat(BodyShape.BATCH.accepts(true)).isTrue();
        assertThat(BodyShape.BATCH.accepts(false)).isFalse();
        assertThat(BodyShape.EITHER.accepts(true)).isTrue();
        assertThat(BodyShape.EITHER.accepts(false)).isTrue();
    }
}
