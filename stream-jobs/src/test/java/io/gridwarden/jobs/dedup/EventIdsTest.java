package io.gridwarden.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.jobs.LogFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void shouldReadSourceAndIdFromEitherStoredForm() {
        DeviceEvent event = LogFixtures.reading("wl-01", 1_796_400_000_000L, 3.4);
        for (StoredForm form : StoredForm.values()) {
            byte[] stored = form.encode(event);
            assertThat(EventIds.sourceOf(stored)).as("%s", form).isEqualTo("wl-01");
            assertThat(EventIds.idOf(stored)).as("%s", form).isEqualTo(event.id());
        }
    }

    @Test
    void shouldCallDamagedOrForeignBytesUnreadable() {
        byte[] compact = StoredForm.COMPACT.encode(LogFixtures.reading("wl-01", 1_796_400_000_000L, 3.4));
        assertThat(EventIds.sourceOf(Arrays.copyOf(compact, 4))).isEqualTo(EventIds.UNREADABLE);
        assertThat(EventIds.idOf("[1,2]".getBytes(StandardCharsets.UTF_8))).isEqualTo(EventIds.UNREADABLE);
    }
}
