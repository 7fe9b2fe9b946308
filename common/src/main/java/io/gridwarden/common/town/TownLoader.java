package io.gridwarden.common.town;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads a town file (YAML) from a path or from the classpath ({@code classpath:towns/demo-town.yaml}). */
final class TownLoader {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    /** A city's file (tens of thousands of devices) is tens of MB; SnakeYAML's default stops at 3 MB. */
    static final int MAX_TOWN_FILE_CODE_POINTS = 256 * 1024 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(loaderOptions()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("town")
                    .addDeserializer(Duration.class, new DurationDeserializer())
                    .addDeserializer(ActiveWindow.class, new ActiveWindowDeserializer()));

    private TownLoader() {}

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_TOWN_FILE_CODE_POINTS);
        return options;
    }

    /** The text of the town file at {@code location} (a path or {@code classpath:}). */
    static String text(String location) {
        try (InputStream in = open(location)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TownFileException("cannot read town file " + location + ": " + e.getMessage(), e);
        }
    }

    /** A town file's text, as an admin submits it; {@code name} says where it came from in messages. */
    static TownFile parse(String text, String name) {
        try {
            TownFile file = YAML.readValue(text, TownFile.class);
            if (file == null) {
                throw new TownFileException("town file " + name + " is empty; see the demo town for what it holds");
            }
            return file;
        } catch (IOException e) {
            throw new TownFileException("cannot read town file " + name + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = TownLoader.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new TownFileException("no town file on the classpath at " + resource);
            }
            return in;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new TownFileException("town file " + path.toAbsolutePath() + " does not exist");
        }
        return Files.newInputStream(path);
    }

    /** Parses "90s", "5m", "1.5h", "500ms" or ISO-8601 ("PT5M"). */
    static Duration parseDuration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(trimmed);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            long millis = (long) (amount * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            });
            return Duration.ofMillis(millis);
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; write e.g. 30s, 5m, 2h or PT5M");
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parseDuration(p.getValueAsString());
        }
    }

    private static final class ActiveWindowDeserializer extends JsonDeserializer<ActiveWindow> {
        @Override
        public ActiveWindow deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return ActiveWindow.parse(p.getValueAsString());
        }
    }
}
