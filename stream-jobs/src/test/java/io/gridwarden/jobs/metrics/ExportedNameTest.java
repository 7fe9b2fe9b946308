package io.gridwarden.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportedNameTest {

    @Test
    void shouldExportTheJobsOwnCountersWithTheirCategoryAndStatus() {
        var name = ExportedName.of("violationUpdates", "taskmanager.job.task.operator.gridwarden.category.status",
                Map.of("<job_name>", "gridwarden-enforcement", "<job_id>", "67726964", "<operator_name>", "count-decisions",
                        "<subtask_index>", "1", "<category>", "illegal_parking", "<status>", "warned", "<host>", "localhost"));

        assertThat(name).contains(new ExportedName("gridwarden_job_violation_updates",
                List.of("category", "job_name", "operator_name", "status", "subtask_index"),
                List.of("illegal_parking", "gridwarden-enforcement", "count-decisions", "warned", "1")));
    }

    @Test
    void shouldExportTheJobManagersPerJobMetricsAndNothingElse() {
        assertThat(ExportedName.of("lastCheckpointDuration", "jobmanager.job", Map.of("<job_name>", "gridwarden-enforcement")))
                .map(ExportedName::name).contains("gridwarden_flink_job_last_checkpoint_duration");
        assertThat(ExportedName.of("numRecordsIn", "taskmanager.job.task.operator", Map.of())).isEmpty();
        assertThat(ExportedName.of("Status.JVM.CPU.Load", "jobmanager", Map.of())).isEmpty();
    }
}
