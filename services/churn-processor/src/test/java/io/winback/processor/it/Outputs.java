package io.winback.processor.it;

import io.winback.events.OutreachTask;
import io.winback.events.WinbackCase;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import io.winback.testsupport.KafkaTestBroker;
import io.winback.testsupport.TestConsumers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the processor wrote for a test's customers, read as a downstream service sees it:
 * committed records only (read_committed), so output of an aborted transaction never shows.
 *
 * <p>The catalogue topics are shared by every IT in the JVM, hence the filter on the test's own
 * customers. Topics are read in parallel: each read runs for its whole {@code readFor}, because
 * nobody knows how many records other tests left there.
 */
final class Outputs {

  private Outputs() {}

  /** Every record on the three task topics for {@code customers}, in topic then partition order. */
  static List<OutreachTask> tasks(Set<String> customers, Duration readFor) {
    List<List<ConsumerRecord<String, OutreachTask>>> perTopic = readInParallel(Topics.TASK_TOPICS, readFor);
    List<OutreachTask> tasks = new ArrayList<>();
    perTopic.forEach(records -> records.stream()
        .filter(record -> customers.contains(record.key()))
        .forEach(record -> tasks.add(record.value())));
    return tasks;
  }

  /** What a reader of winback.keys.v1 knows now: every customer's key, or that they were erased. */
  static KeyRing keyRing() {
    KeyRing ring = new KeyRing();
    read(Topics.KEYS, Duration.ZERO).forEach(record -> ring.apply(record.key(), record.value()));
    return ring;
  }

  /** Every record on winback.cases.v1 for {@code customers}, oldest first per partition. */
  static List<WinbackCase> cases(Set<String> customers, Duration readFor) {
    return read(Topics.CASES, readFor).stream()
        .map(ConsumerRecord::value)
        .filter(state -> state != null && customers.contains(state.getCustomerId()))
        .toList();
  }

  /**
   * How many records the three task topics hold for {@code customers} when read_uncommitted, that
   * is including the output of aborted transactions. Diagnostics only: it tells whether a crash
   * left aborted output behind that read_committed readers must skip.
   */
  static int taskRecordsIncludingAborted(Set<String> customers, Duration readFor) {
    ExecutorService readers = Executors.newFixedThreadPool(Topics.TASK_TOPICS.size());
    try {
      return Topics.TASK_TOPICS.stream()
          .map(topic -> CompletableFuture.supplyAsync(
              () -> countUncommitted(topic.name(), customers, readFor), readers))
          .toList().stream()
          .mapToInt(CompletableFuture::join)
          .sum();
    } finally {
      readers.shutdownNow();
    }
  }

  private static int countUncommitted(String topic, Set<String> customers, Duration readFor) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    int count = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + readFor.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (customers.contains(record.key())) {
            count++;
          }
        }
      }
    }
    return count;
  }

  private static <V> List<List<ConsumerRecord<String, V>>> readInParallel(List<TopicSpec<String, V>> topics,
      Duration readFor) {
    // Not the common pool: on a 2-core machine it runs one task at a time.
    ExecutorService readers = Executors.newFixedThreadPool(topics.size());
    try {
      List<CompletableFuture<List<ConsumerRecord<String, V>>>> reads = topics.stream()
          .map(topic -> CompletableFuture.supplyAsync(() -> read(topic, readFor), readers))
          .toList();
      return reads.stream().map(CompletableFuture::join).toList();
    } finally {
      readers.shutdownNow();
    }
  }

  private static <V> List<ConsumerRecord<String, V>> read(TopicSpec<String, V> topic, Duration readFor) {
    return TestConsumers.readToEnd(KafkaTestBroker.bootstrapServers(), topic.name(), new StringDeserializer(),
        topic.valueSerde().deserializer());
  }
}
