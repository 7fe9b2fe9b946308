package io.gridwarden.jobs;

import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;

/** Flink's local executor, on a {@link LoopbackMiniCluster} instead of a plain MiniCluster. */
final class LoopbackExecutorLoader implements PipelineExecutorServiceLoader, PipelineExecutorFactory {

    private final boolean keepRestApi;

    LoopbackExecutorLoader(boolean keepRestApi) {
        this.keepRestApi = keepRestApi;
    }

    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        return this;
    }

    @Override
    public Stream<String> getExecutorNames() {
        return Stream.of(getName());
    }

    @Override
    public String getName() {
        return LocalExecutor.NAME;
    }

    @Override
    public boolean isCompatibleWith(Configuration configuration) {
        return true;
    }

    @Override
    public PipelineExecutor getExecutor(Configuration configuration) {
        return LocalExecutor.createWithFactory(configuration, cluster -> new LoopbackMiniCluster(cluster, keepRestApi));
    }
}
