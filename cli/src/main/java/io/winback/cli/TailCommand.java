package io.winback.cli;

import io.winback.cli.io.RecordJson;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.TopicSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {
        "Prints the records of a topic, one JSON object per line: key, partition, offset, timestamp,",
        "headers and the value in the JSON form 'produce' takes. Reads committed data only",
        "(read_committed) and joins no consumer group, so it never disturbs the services' offsets."})
public class TailCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TOPIC")
  String topicName;

  @Option(names = "--from-beginning", description = "Start at the oldest record (default: only new records).")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Exit after N records.")
  Integer max;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Exit after SECONDS without a new record (default: follow until Ctrl-C).")
  Double timeoutSeconds;

  @Mixin
  KafkaConnection kafka = new KafkaConnection();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TopicSpec<?, ?> topic = CatalogueTopics.require(topicName);
    PrintWriter out = spec.commandLine().getOut();
    try (Admin admin = kafka.admin()) {
      kafka.requireReachable(admin, Duration.ofSeconds(10));
    }
    AtomicBoolean stopping = new AtomicBoolean();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.readCommittedConsumerConfig())) {
      Thread main = Thread.currentThread();
      Thread hook = new Thread(() -> {
        stopping.set(true);
        consumer.wakeup();
        try {
          main.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      Runtime.getRuntime().addShutdownHook(hook);
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      if (partitions.isEmpty()) {
        throw new CommandFailure("topic " + topic.name() + " does not exist yet (services create it at start-up)");
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      int printed = 0;
      Instant lastRecord = Instant.now();
      try {
        while (max == null || printed < max) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
          // Partitions arrive in no particular order; within a batch, print oldest first.
          List<ConsumerRecord<byte[], byte[]>> batch = new java.util.ArrayList<>();
          records.forEach(batch::add);
          batch.sort(java.util.Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
              .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
          for (ConsumerRecord<byte[], byte[]> record : batch) {
            out.println(JsonRecords.mapper().writeValueAsString(RecordJson.render(topic, record)));
            lastRecord = Instant.now();
            if (max != null && ++printed >= max) {
              break;
            }
          }
          out.flush();
          if (timeoutSeconds != null && records.isEmpty()
              && Duration.between(lastRecord, Instant.now()).toMillis() >= timeoutSeconds * 1000) {
            break;
          }
        }
      } catch (WakeupException e) {
        if (!stopping.get()) {
          throw e;
        }
      } finally {
        out.flush();
        if (!stopping.get()) {
          Runtime.getRuntime().removeShutdownHook(hook);
        }
      }
    }
    return 0;
  }
}
