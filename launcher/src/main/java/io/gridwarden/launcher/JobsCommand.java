package io.gridwarden.launcher;

import picocli.CommandLine.Command;

/** {@code gridwarden jobs}: the stream job on a Flink session cluster. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "The enforcement job on a Flink session cluster (the scale-out deployment; see docs/deployment.md).",
        subcommands = JobsSubmitCommand.class)
final class JobsCommand {
}
