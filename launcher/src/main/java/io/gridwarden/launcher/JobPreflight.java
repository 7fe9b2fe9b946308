package io.gridwarden.launcher;

import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFileException;
import io.gridwarden.log.kafka.KafkaLogException;
import io.gridwarden.log.kafka.KafkaRecordLog;
import java.nio.file.Files;

/**
 * What {@code gridwarden jobs submit} checks on this host before it asks the cluster for anything, so that a
 * misconfiguration is refused here with a message that says what to change instead of a job that fails on the
 * cluster: the job jar, the town file, the command secret, and the two topics with their partition counts.
 */
final class JobPreflight {

    private JobPreflight() {}

    /** Throws {@link StartRefusedException} naming the first thing that is not as it must be. */
    static void check(JobSubmitSettings s) {
        if (!Files.isRegularFile(s.jobJar()) || !Files.isReadable(s.jobJar())) {
            throw refused("the job jar " + s.jobJar().toAbsolutePath() + " is not a readable file: give the shaded jar,"
                    + " stream-jobs/target/stream-jobs-<version>-job.jar (built by mvn package -pl stream-jobs -am)", null);
        }
        try {
            Town.load(s.town().toAbsolutePath().toString());
        } catch (TownFileException | IllegalArgumentException e) {
            throw refused(e.getMessage() + " (the job reads the town file on every task manager: the same path must hold the same"
                    + " file there)", e);
        }
        try {
            CommandSecretFile.read(s.commandSecretFile());
        } catch (CommandSecretFile.CommandSecretException e) {
            throw refused(e.getMessage(), e);
        }
        try {
            KafkaRecordLog.verifyTopic(s.eventsSpec());
            KafkaRecordLog.verifyTopic(s.actionsSpec());
        } catch (KafkaLogException e) {
            throw refused(e.getMessage(), e);
        }
    }

    static StartRefusedException refused(String message, Throwable cause) {
        return new StartRefusedException(message, cause);
    }
}
