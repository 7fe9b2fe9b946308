package io.gridwarden.jobs;

import io.gridwarden.jobs.kafka.KafkaLogClockWatermarks;
import io.gridwarden.jobs.sink.ActionLogSink;
import io.gridwarden.jobs.source.LogSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run}: submits the enforcement job to the cluster the Flink client is
 * configured for (checkpointing, state backend and restart strategy come from the cluster's config).
 *
 * <pre>flink run -c io.gridwarden.jobs.EnforcementJobMain stream-jobs-job.jar \
 *     --town /etc/gridwarden/town.yaml --command-secret-file /etc/gridwarden/command-secret --kafka-bootstrap kafka-1:9092</pre>
 *
 * With {@code --kafka-bootstrap} the logs are Kafka topics ({@link io.gridwarden.jobs.kafka.KafkaLogs}) and
 * the task managers may run anywhere; with {@code --event-log/--event-partitions/--action-log} they are
 * the embedded RocksDB logs, and the task manager must run where those directories are. See
 * {@link ClusterJobOptions#USAGE}.
 */
public final class EnforcementJobMain {

    private EnforcementJobMain() {}

    public static void main(String[] args) throws Exception {
        ClusterJobOptions options = ClusterJobOptions.parse(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (options.kafka() != null) {
            EnforcementJob.build(env, options.kafka().events(), new KafkaLogClockWatermarks(options.maxDeviceDelay()),
                    options.kafka().actions(), options.town(), options.commandIds());
        } else {
            EnforcementJob.build(env, new LogSource(options.eventLog()), new ActionLogSink(options.actionLog()), options.town(),
                    options.maxDeviceDelay(), options.commandIds());
        }
        env.execute(EmbeddedJobRunner.JOB_NAME);
    }
}
