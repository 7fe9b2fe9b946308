package io.gridwarden.jobs;

import java.util.OptionalInt;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * Where the embedded cluster listens: on loopback only. Flink's defaults bind its REST API and blob
 * server to every interface, without authentication: anyone who reaches them can cancel the job or
 * write savepoints wherever they choose.
 */
final class ClusterNetwork {

    static final String LOOPBACK = "127.0.0.1";

    private ClusterNetwork() {}

    static void loopbackOnly(Configuration config, OptionalInt webPort) {
        config.set(DeploymentOptions.TARGET, "local");
        config.set(DeploymentOptions.ATTACHED, true);
        config.set(JobManagerOptions.ADDRESS, LOOPBACK);
        config.set(JobManagerOptions.BIND_HOST, LOOPBACK); // the blob server
        config.set(TaskManagerOptions.HOST, LOOPBACK);
        config.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        config.set(RestOptions.ADDRESS, LOOPBACK);
        config.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        config.set(RestOptions.PORT, webPort.orElse(0));
        config.set(RestOptions.BIND_PORT, Integer.toString(webPort.orElse(0)));
    }
}
