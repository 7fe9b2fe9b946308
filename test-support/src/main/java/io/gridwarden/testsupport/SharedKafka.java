package io.gridwarden.testsupport;

import io.gridwarden.common.files.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One broker for every test class that extends with this (each uses topics of its own), started at the first
 * and stopped, its directory deleted, when the test run ends: a broker start is seconds on two cores.
 */
public final class SharedKafka implements BeforeAllCallback {

    private static volatile SingleNodeKafka broker;

    /** The running broker, for a class extended with {@code @ExtendWith(SharedKafka.class)}. */
    public static SingleNodeKafka broker() {
        return broker;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedKafka.class, key -> Running.start(), Running.class);
        broker = running.kafka;
    }

    /** Closed by JUnit at the end of the run, as an AutoCloseable in the root store. */
    private record Running(Path dir, SingleNodeKafka kafka) implements AutoCloseable {

        static Running start() {
            try {
                Path dir = Files.createTempDirectory("gridwarden-kafka-");
                return new Running(dir, SingleNodeKafka.start(dir));
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test broker", e);
            }
        }

        @Override
        public void close() throws Exception {
            kafka.close();
            Directories.deleteTree(dir);
        }
    }
}
