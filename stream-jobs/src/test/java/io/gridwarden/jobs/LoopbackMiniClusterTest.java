package io.gridwarden.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobGraphTestUtils;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoopbackMiniClusterTest {

    private static final String DISPATCHER = "org.apache.flink.runtime.dispatcher";

    @Test
    @DisplayName("A cluster closed as soon as its job ends (what the job's client does) lets the dispatcher finish its clean-up first")
    void shouldLetTheDispatcherCleanUpBeforeClosing() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        LoggerContext context = LoggerContext.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        AbstractAppender capture = new AbstractAppender("dispatcher-warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLoggerName().startsWith(DISPATCHER) && event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        root.addAppender(capture, Level.WARN, null);
        try {
            for (int run = 0; run < 5; run++) {
                runOneJobAndClose();
            }
        } finally {
            root.removeAppender(capture.getName());
            capture.stop();
        }
        // before the fix, the close cancelled the clean-up: "Could not properly mark job … result as clean" and the same
        // for its application, each with a CancellationException
        assertThat(warnings).isEmpty();
    }

    private static void runOneJobAndClose() throws Exception {
        Configuration config = new Configuration();
        ClusterNetwork.loopbackOnly(config, OptionalInt.empty());
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
        var cluster = new LoopbackMiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(config)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build(), false);
        cluster.start();
        JobGraph job = JobGraphTestUtils.singleNoOpJobGraph();
        cluster.submitJob(job).get(60, TimeUnit.SECONDS);
        // as Flink's job client does: close the cluster the moment the job's result is known, on the thread that completes it
        CompletableFuture<Boolean> succeeded = new CompletableFuture<>();
        CompletableFuture<Void> closed = cluster.requestJobResult(job.getJobID()).thenCompose(result -> {
            succeeded.complete(result.isSuccess());
            return cluster.closeAsync();
        });
        closed.get(60, TimeUnit.SECONDS);
        assertThat(succeeded.get()).isTrue();
    }
}
