package io.gridwarden.jobs;

import io.gridwarden.common.log.LogSpec;
import io.gridwarden.jobs.sink.ActionLogSink;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.jobs.source.LogSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run}: submits the enforcement job to the cluster the Flink client is
 * configured for (checkpointing, state backend and restart strategy come from the cluster's config).
 *
 * <pre>flink run -c io.gridwarden.jobs.EnforcementJobMain stream-jobs-job.jar \
 *     --town /etc/gridwarden/town.yaml --event-log /data/events --event-partitions 8 --action-log /data/actions</pre>
 *
 * The logs here are the embedded RocksDB logs, so the task managers must run where those directories
 * are; a Kafka deployment passes Kafka's source and sink to {@link EnforcementJob#build} instead.
 */
public final class EnforcementJobMain {

    private EnforcementJobMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LogSpec events = LogSpec.of(Path.of(required(options, "event-log")), Integer.parseInt(required(options, "event-partitions")));
        LogSpec actions = LogSpec.of(Path.of(required(options, "action-log")), 1);
        Duration delay = options.containsKey("max-device-delay-ms")
                ? Duration.ofMillis(Long.parseLong(options.get("max-device-delay-ms"))) : LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY;
        EnforcementJob.build(env, new LogSource(events), new ActionLogSink(actions), required(options, "town"), delay);
        env.execute(EmbeddedJobRunner.JOB_NAME);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]
                        + "; options: --town --event-log --event-partitions --action-log [--max-device-delay-ms]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name + "; options: --town --event-log --event-partitions --action-log");
        }
        return value;
    }
}
