package io.gridwarden.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gridwarden} command. */
@Command(name = "gridwarden", mixinStandardHelpOptions = true, version = "gridwarden 0.1.0",
        description = "Turns a town's enforcement cameras and sensors into action.",
        subcommands = {RunCommand.class, IngestCommand.class, AlertingCommand.class, JobsCommand.class, TownCommand.class,
                ReplayCommand.class})
public final class Main {

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
