package io.gridwarden.testsupport;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a Flink distribution's {@code lib/} holds, picked from a classpath that has Flink's runtime jars on it:
 * flink-dist is not on Maven Central, so a cluster started from Maven's jars (a test's classpath, or the
 * launcher's {@code target/lib}) runs on that classpath less what a distribution would not have: our own
 * code, Kafka and everything else the job jar has to bring. A job that runs on such a cluster therefore found
 * its connector and kafka-clients in the job jar.
 *
 * <p>Entries are judged by their file name (both {@code ~/.m2/…/kafka-clients-4.2.0.jar} and
 * {@code target/lib/kafka-clients-4.2.0.jar} are Kafka's) and by the repository folder when there is one.
 */
public final class FlinkDistribution {

    /** File name beginnings of jars a Flink distribution does not have; the job jar must bring these. */
    private static final List<String> NOT_IN_FLINK_DIST = List.of("kafka", "flink-connector-kafka", "scala-", "config-",
            "jackson-", "cloudevents-", "prometheus-", "zstd-jni", // zstd-jni: kafka-clients' (lz4 and snappy are Flink's too)
            "flink-test-utils"); // Flink's test jars register test file systems and token receivers
    /** Our own modules, as Maven names their jars, and the launcher's jar. */
    private static final Pattern GRIDWARDEN_JAR = Pattern.compile(
            "(common|log-rocksdb|log-kafka|ingest|stream-jobs|alerting|simulator|launcher|test-support|benchmarks)-\\d.*\\.jar|gridwarden\\.jar");

    /** What the distribution's config.yaml sets in env.java.opts.all for Java 17. */
    public static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private FlinkDistribution() {}

    /** The entries of {@code classpath} a distribution's {@code lib/} would hold, in their order. */
    public static List<String> classpath(List<String> classpath) {
        return classpath.stream().filter(FlinkDistribution::inDistribution).toList();
    }

    static boolean inDistribution(String entry) {
        String path = entry.replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!name.endsWith(".jar") || name.endsWith("-tests.jar")) {
            return false; // class folders are our modules' (target/classes); test jars are not in a distribution
        }
        return !path.contains("/io/gridwarden/") && !GRIDWARDEN_JAR.matcher(name).matches()
                && NOT_IN_FLINK_DIST.stream().noneMatch(name::startsWith);
    }
}
