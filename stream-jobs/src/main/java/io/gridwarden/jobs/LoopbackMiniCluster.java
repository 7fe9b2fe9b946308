package io.gridwarden.jobs;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
