package io.gridwarden.jobs;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.ApplicationID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.blob.BlobServer;
import org.apache.flink.runtime.blob.TransientBlobService;
import org.apache.flink.runtime.dispatcher.DispatcherGateway;
import org.apache.flink.runtime.dispatcher.SessionDispatcherFactory;
import org.apache.flink.runtime.dispatcher.runner.DefaultDispatcherRunnerFactory;
import org.apache.flink.runtime.entrypoint.component.DefaultDispatcherResourceManagerComponentFactory;
import org.apache.flink.runtime.entrypoint.component.DispatcherResourceManagerComponent;
import org.apache.flink.runtime.entrypoint.component.DispatcherResourceManagerComponentFactory;
import org.apache.flink.runtime.heartbeat.HeartbeatServices;
import org.apache.flink.runtime.highavailability.HighAvailabilityServices;
import org.apache.flink.runtime.leaderelection.LeaderElection;
import org.apache.flink.runtime.metrics.MetricRegistry;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.resourcemanager.ResourceManagerGateway;
import org.apache.flink.runtime.resourcemanager.StandaloneResourceManagerFactory;
import org.apache.flink.runtime.rest.RestEndpointFactory;
import org.apache.flink.runtime.rest.SessionRestEndpointFactory;
import org.apache.flink.runtime.rest.handler.legacy.metrics.MetricFetcher;
import org.apache.flink.runtime.rpc.FatalErrorHandler;
import org.apache.flink.runtime.security.token.DelegationTokenManager;
import org.apache.flink.runtime.webmonitor.WebMonitorEndpoint;
import org.apache.flink.runtime.webmonitor.retriever.LeaderGatewayRetriever;
import org.apache.flink.runtime.webmonitor.retriever.MetricQueryServiceRetriever;

/**
 * A MiniCluster without Flink's REST API unless one is asked for. Flink always starts its REST endpoint
 * (which cancels jobs and writes savepoints for whoever asks, without authentication); this cluster
 * closes it as soon as the cluster's components are up, before any job is submitted. While it briefly
 * exists it listens on the loopback address the configuration binds it to ({@link EmbeddedJobRunner}).
 */
final class LoopbackMiniCluster extends MiniCluster {

    private static final long CLOSE_TIMEOUT_SECONDS = 30;
    /** How long a close waits for the dispatcher to finish with the jobs that ended; it closes anyway after that. */
    private static final long CLEAN_UP_WAIT_MILLIS = 5_000;
    private static final long CLEAN_UP_POLL_MILLIS = 10;

    private final boolean keepRestApi;
    private final RecordingRestEndpointFactory restEndpoints = new RecordingRestEndpointFactory();

    LoopbackMiniCluster(MiniClusterConfiguration configuration, boolean keepRestApi) {
        super(configuration);
        this.keepRestApi = keepRestApi;
    }

    @Override
    protected DispatcherResourceManagerComponentFactory createDispatcherResourceManagerComponentFactory() {
        return new DefaultDispatcherResourceManagerComponentFactory(DefaultDispatcherRunnerFactory.createSessionRunner(SessionDispatcherFactory.INSTANCE),
                StandaloneResourceManagerFactory.getInstance(), restEndpoints);
    }

    @Override
    protected Collection<? extends DispatcherResourceManagerComponent> createDispatcherResourceManagerComponents(Configuration configuration,
            RpcServiceFactory rpcServiceFactory, BlobServer blobServer, HeartbeatServices heartbeatServices,
            DelegationTokenManager delegationTokenManager, MetricRegistry metricRegistry,
            MetricQueryServiceRetriever metricQueryServiceRetriever, FatalErrorHandler fatalErrorHandler) throws Exception {
        Collection<? extends DispatcherResourceManagerComponent> components = super.createDispatcherResourceManagerComponents(configuration,
                rpcServiceFactory, blobServer, heartbeatServices, delegationTokenManager, metricRegistry, metricQueryServiceRetriever,
                fatalErrorHandler);
        if (!keepRestApi) {
            restEndpoints.closeAll();
        }
        return components;
    }

    /**
     * Closes once the dispatcher has recorded each ended job's result, and its application's, as cleaned up (at most
     * {@link #CLEAN_UP_WAIT_MILLIS}). The job's client closes its cluster as soon as the job's result is known, while the
     * dispatcher is still cleaning up after the job; the close cancelled that clean-up, and the dispatcher logged
     * "Could not properly mark job … result as clean" with a stack trace at many a stop.
     */
    @Override
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> cleanedUp;
        try {
            cleanedUp = endedJobsCleanedUp();
        } catch (RuntimeException notRunning) {
            cleanedUp = CompletableFuture.completedFuture(null);
        }
        // bounded as a whole, the dispatcher's answer to listJobs included: a close never waits longer than this
        return cleanedUp.completeOnTimeout(null, CLEAN_UP_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                .exceptionally(notRunning -> null)
                .thenCompose(ignored -> super.closeAsync());
    }

    private CompletableFuture<Void> endedJobsCleanedUp() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLEAN_UP_WAIT_MILLIS);
        return listJobs().thenCompose(jobs -> CompletableFuture.allOf(jobs.stream()
                .filter(job -> job.getJobState().isGloballyTerminalState())
                .map(job -> cleanedUp(job.getJobId(), deadline))
                .toArray(CompletableFuture[]::new)));
    }

    private CompletableFuture<Void> cleanedUp(JobID job, long deadline) {
        return resultMarkedClean(job).thenCompose(clean -> clean || System.nanoTime() > deadline ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(CLEAN_UP_POLL_MILLIS, TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> cleanedUp(job, deadline)));
    }

    /**
     * Whether the dispatcher has marked the job's result and its application's as clean: the last step of its clean-up.
     * A job submitted on its own runs as an application of the same id (Flink's {@code SingleJobApplication}).
     */
    private CompletableFuture<Boolean> resultMarkedClean(JobID job) {
        try {
            HighAvailabilityServices ha = getHaServices();
            return ha.getJobResultStore().hasCleanJobResultEntryAsync(job)
                    .thenCombine(ha.getApplicationResultStore().hasCleanApplicationResultEntryAsync(ApplicationID.fromHexString(job.toHexString())),
                            (jobClean, applicationClean) -> jobClean && applicationClean);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Flink's own session REST endpoint, remembered so that it can be closed. */
    private static final class RecordingRestEndpointFactory implements RestEndpointFactory<DispatcherGateway> {

        private final List<WebMonitorEndpoint<DispatcherGateway>> created = new CopyOnWriteArrayList<>();

        @Override
        public WebMonitorEndpoint<DispatcherGateway> createRestEndpoint(Configuration configuration,
                LeaderGatewayRetriever<DispatcherGateway> dispatcherGatewayRetriever,
                LeaderGatewayRetriever<ResourceManagerGateway> resourceManagerGatewayRetriever, TransientBlobService transientBlobService,
                ScheduledExecutorService executor, MetricFetcher metricFetcher, LeaderElection leaderElection,
                FatalErrorHandler fatalErrorHandler) throws Exception {
            WebMonitorEndpoint<DispatcherGateway> endpoint = SessionRestEndpointFactory.INSTANCE.createRestEndpoint(configuration,
                    dispatcherGatewayRetriever, resourceManagerGatewayRetriever, transientBlobService, executor, metricFetcher,
                    leaderElection, fatalErrorHandler);
            created.add(endpoint);
            return endpoint;
        }

        void closeAll() throws Exception {
            for (WebMonitorEndpoint<DispatcherGateway> endpoint : created) {
                endpoint.closeAsync().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }
}
