package io.gridwarden.common.town;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TownCacheTest {

    @Test
    void shouldShareOneTownForTheSameTextAtTheSameLocation(@TempDir Path dir) throws Exception {
        String location = Files.writeString(dir.resolve("town.yaml"), Town.text(Town.DEMO)).toString();

        Town first = Town.loadShared(location);

        assertThat(Town.loadShared(location)).isSameAs(first);
        assertThat(Town.parseShared(Town.text(location), location)).as("the same text given as a version").isSameAs(first);
        assertThat(Town.load(location)).as("load parses afresh").isNotSameAs(first);
        assertThat(Town.parseShared(Town.text(location), dir.resolve("elsewhere.yaml").toString()))
                .as("the same text relative to another location").isNotSameAs(first);
    }

    @Test
    void shouldParseAgainWhenTheFileChanges(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("town.yaml"), Town.text(Town.DEMO));
        Town before = Town.loadShared(file.toString());

        Files.writeString(file, Town.text(Town.DEMO).replace("name: ", "name: Renamed "));
        Town after = Town.loadShared(file.toString());

        assertThat(after).isNotSameAs(before);
        assertThat(after.name()).startsWith("Renamed ").isNotEqualTo(before.name());
    }

    @Test
    void shouldParseOnceForSubtasksThatOpenTogether(@TempDir Path dir) throws Exception {
        String location = Files.writeString(dir.resolve("town.yaml"), Town.text(Town.DEMO).replace("name: ", "name: Together ")).toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Town>> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                opened.add(pool.submit(() -> Town.loadShared(location)));
            }
            Town one = opened.get(0).get();
            for (Future<Town> town : opened) {
                assertThat(town.get()).isSameAs(one);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRememberABoundedNumberOfTowns() {
        var cache = new TownCache();
        List<Town> inUse = new ArrayList<>();
        for (int i = 0; i < TownCache.MAX_ENTRIES + 5; i++) {
            inUse.add(cache.get("town-" + i, "text", Town::demo));
        }
        assertThat(cache.held()).isEqualTo(TownCache.MAX_ENTRIES);
        assertThat(inUse).hasSize(TownCache.MAX_ENTRIES + 5);
    }
}
