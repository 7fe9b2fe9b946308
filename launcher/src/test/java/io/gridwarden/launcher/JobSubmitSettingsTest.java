package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSubmitSettingsTest {

    @Test
    void shouldPassTheJobItsOptionsAsFlinkRunWould() {
        JobSubmitSettings settings = settings("flink-jm:8081", 4, 2);

        assertThat(settings.host()).isEqualTo("flink-jm");
        assertThat(settings.port()).isEqualTo(8081);
        assertThat(settings.jobArguments()).containsExactly("--town", "/etc/gw/town.yaml", "--command-secret-file", "/etc/gw/secret",
                "--kafka-bootstrap", "kafka-1:9092", "--events-topic", "gridwarden.events", "--actions-topic", "gridwarden.actions",
                "--group-id", "gridwarden-enforcement");
        assertThat(settings.flinkRunCommand()).isEqualTo("flink run -d -m flink-jm:8081 -p 2"
                + " -Dexecution.checkpointing.dir=s3://gw/checkpoints -Dexecution.checkpointing.interval=10000ms"
                + " -c io.gridwarden.jobs.EnforcementJobMain /opt/gw/job.jar --town /etc/gw/town.yaml --command-secret-file /etc/gw/secret"
                + " --kafka-bootstrap kafka-1:9092 --events-topic gridwarden.events --actions-topic gridwarden.actions"
                + " --group-id gridwarden-enforcement");
    }

    @Test
    void shouldRefuseAJobManagerAddressThatIsNotHostAndPort() {
        assertThatThrownBy(() -> settings("http://flink-jm:8081", 4, null)).hasMessageContaining("--jobmanager must be host:port");
        assertThatThrownBy(() -> settings("flink-jm", 4, null)).hasMessageContaining("--jobmanager must be host:port");
    }

    @Test
    void shouldRefuseMoreParallelismThanEventPartitions() {
        assertThatThrownBy(() -> settings("flink-jm:8081", 4, 5)).hasMessageContaining("between 1 and --event-partitions (4)");
        assertThatThrownBy(() -> settings("flink-jm:8081", 0, null)).hasMessageContaining("--event-partitions must be");
    }

    private static JobSubmitSettings settings(String jobManager, int partitions, Integer parallelism) {
        return new JobSubmitSettings(jobManager, Path.of("/opt/gw/job.jar"), Path.of("/etc/gw/town.yaml"), Path.of("/etc/gw/secret"),
                "kafka-1:9092", "gridwarden.events", partitions, "gridwarden.actions", "gridwarden-enforcement", parallelism,
                "s3://gw/checkpoints", Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
