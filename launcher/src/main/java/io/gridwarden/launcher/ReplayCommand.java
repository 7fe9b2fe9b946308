package io.gridwarden.launcher;

import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.replay.WhatIfChart;
import io.gridwarden.common.replay.WhatIfReport;
import io.gridwarden.common.replay.WhatIfTable;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwarden replay}: what a candidate town file would have decided on the stored events, beside what really happened. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"What-if: run the stored events of a period through the rules of a candidate town file, in a job of its own,"
                + " and report beside what really happened (the action log): cases, warnings, dispatches and the share settled by"
                + " warning per category and zone, and each officer's load. Reads the data directory of a gridwarden that has run;"
                + " it may be running (the logs are read through a read-only view). Never writes to the logs and never sends"
                + " anything to a device.",
                "Replaying the live town file reproduces the live decisions (see docs/replay.md)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the report was made", "1:the replay failed (see the message)",
                "2:refused: an option, the town file, the data directory or the command secret is not as it must be"})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--town", required = true, description = "The candidate town file (YAML path, or classpath:…).")
    String town;

    @Option(names = "--from", description = "The period's start, RFC 3339 (2026-12-04T08:00:00+08:00). Default: --last before --until.")
    String from;

    @Option(names = "--until", description = "The period's end (exclusive), RFC 3339; at most now. Default: now.")
    String until;

    @Option(names = "--last", defaultValue = "PT1H", description = "Without --from: the period is this long (ISO-8601). Default: 1 hour")
    Duration last;

    @Option(names = "--data-dir", defaultValue = EmbeddedSettings.DEFAULT_DATA_DIR,
            description = "The data directory of gridwarden run. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "" + EmbeddedSettings.DEFAULT_PARTITIONS,
            description = "The event log's partitions, as gridwarden run was given. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--max-device-delay", defaultValue = "PT0.25S", description = "As gridwarden run was given. Default: 250 ms")
    Duration maxDeviceDelay;

    @Option(names = "--command-secret-file", description = "The command secret gridwarden run uses. Default: <data-dir>/"
            + EmbeddedSettings.DEFAULT_COMMAND_SECRET)
    Path commandSecretFile;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the report as JSON to this file.")
    Path out;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also write the report as a chart: a self-contained HTML file.")
    Path chart;

    @Override
    public Integer call() throws Exception {
        Instant end = until == null ? Instant.now() : instant("--until", until);
        Instant start = from == null ? end.minus(last) : instant("--from", from);
        if (end.isAfter(Instant.now())) {
            throw usage("--until " + until + " is in the future: what has not happened cannot be replayed; leave it out for now");
        }
        if (!start.isBefore(end)) {
            throw usage("--from must be before --until (got " + start + " .. " + end + ")");
        }
        try {
            Town.load(town);
        } catch (TownFileException | IllegalArgumentException e) {
            throw usage("the candidate town file " + town + " is not valid: " + e.getMessage());
        }
        if (!Files.isDirectory(dataDir.resolve("event-log"))) {
            throw usage("no event log in " + dataDir.toAbsolutePath() + ": give --data-dir of a gridwarden that has run");
        }
        Path secret = commandSecretFile != null ? commandSecretFile : dataDir.resolve(EmbeddedSettings.DEFAULT_COMMAND_SECRET);
        WhatIfReport report;
        try {
            report = WhatIf.of(dataDir, partitions, maxDeviceDelay, CommandSecretFile.read(secret)).run(town, town, start, end);
        } catch (CommandSecretFile.CommandSecretException e) {
            throw usage(e.getMessage());
        }
        String asJson = Json.toString(report);
        spec.commandLine().getOut().println(json ? asJson : WhatIfTable.render(report));
        if (out != null) {
            Files.writeString(out, asJson, StandardCharsets.UTF_8);
        }
        if (chart != null) {
            Files.writeString(chart, WhatIfChart.render(report), StandardCharsets.UTF_8);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private Instant instant(String option, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw usage(option + " must be an RFC 3339 time such as 2026-12-04T08:00:00+08:00, got " + text);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
