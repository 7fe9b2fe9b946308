package io.gridwarden.launcher;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.Command;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the actions topic (one partition) from its start, in the background, as alerting does; every record kept, repeats too. */
final class ActionsTopicReader implements AutoCloseable {

    final List<Action> read = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ActionsTopicReader(String bootstrap, String topic) {
        thread = new Thread(() -> readUntilClosed(bootstrap, topic), "actions-topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void readUntilClosed(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(ActionCodec.decode(record.value()));
                }
            }
        }
    }

    /** The command actions of {@code type} read so far, repeats included. */
    List<Action> commands(String type) {
        return read.stream().filter(a -> a.kind() == Action.Kind.COMMAND && a.command().type().equals(type)).toList();
    }

    /** The assignment sent to {@code officer}, if the job has written one. */
    java.util.Optional<Command> assignmentTo(String officer) {
        return commands(Command.ASSIGNMENT).stream().filter(a -> a.target().equals(officer)).map(Action::command).findFirst();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
