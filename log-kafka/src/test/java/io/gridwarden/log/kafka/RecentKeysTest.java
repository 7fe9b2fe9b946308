package io.gridwarden.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentKeysTest {

    @Test
    void shouldForgetTheLeastRecentlyUsedKeyBeyondItsCapacity() {
        RecentKeys keys = new RecentKeys(2);
        keys.remember("a");
        keys.remember("b");
        assertThat(keys.contains("a")).isTrue(); // "a" is now more recent than "b"
        keys.remember("c");

        assertThat(keys.contains("a")).isTrue();
        assertThat(keys.contains("b")).isFalse();
        assertThat(keys.contains("c")).isTrue();
        assertThat(keys.size()).isEqualTo(2);
    }

    @Test
    void shouldRememberNothingWithCapacityZero() {
        RecentKeys keys = new RecentKeys(0);
        keys.remember("a");
        assertThat(keys.contains("a")).isFalse();
        assertThat(keys.size()).isZero();
    }
}
