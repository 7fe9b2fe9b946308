package io.gridwarden.alerting.town;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every version of the town file applied while running, kept on disk in alerting's data directory:
 * {@code v<n>.yaml} (the text, whole) and {@code v<n>.json} (who, when, its hash, what it changed).
 * Version 0 is the town file the process started with; it is not stored (its file is). Each file is
 * written under a temporary name and moved into place, the metadata last: a version is there once its
 * metadata is.
 */
public final class TownVersionStore {

    private static final Pattern META = Pattern.compile("v(\\d+)\\.json");

    private final Path dir;

    private TownVersionStore(Path dir) {
        this.dir = dir;
    }

    public static TownVersionStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the town versions directory " + dir, e);
        }
        return new TownVersionStore(dir);
    }

    /** The stored versions' metadata, oldest first. */
    public List<JsonObject> list() {
        List<JsonObject> versions = new ArrayList<>();
        for (long n : numbers()) {
            versions.add(new JsonObject(read(dir.resolve("v" + n + ".json"))));
        }
        return versions;
    }

    /** The highest stored version (0: none stored). */
    public long latest() {
        List<Long> numbers = numbers();
        return numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
    }

    /** Version {@code n}'s text, if stored. */
    public Optional<String> text(long n) {
        Path yaml = dir.resolve("v" + n + ".yaml");
        return n > 0 && Files.isRegularFile(yaml) && Files.isRegularFile(dir.resolve("v" + n + ".json")) ? Optional.of(read(yaml)) : Optional.empty();
    }

    /** Stores version {@code meta.version} with its text; the metadata is written last. */
    public void add(JsonObject meta, String text) {
        long n = meta.getLong("version");
        write(dir.resolve("v" + n + ".yaml"), text);
        write(dir.resolve("v" + n + ".json"), meta.encodePrettily());
    }

    /** Stores version {@code meta.version} unless it is stored with the same hash; true when it was stored now. */
    public boolean addIfMissing(JsonObject meta, String text) {
        long n = meta.getLong("version");
        Path json = dir.resolve("v" + n + ".json");
        if (text(n).isPresent() && String.valueOf(meta.getString("sha256")).equals(new JsonObject(read(json)).getString("sha256"))) {
            return false;
        }
        add(meta, text);
        return true;
    }

    private List<Long> numbers() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> META.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the town versions in " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
