package io.winback.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads what a test produced, the way a downstream Winback service would see it. */
public final class TestConsumers {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_WAIT = Duration.ofSeconds(2);

  private TestConsumers() {
  }

  /**
   * Reads committed records of every partition of {@code topic} from the beginning until
   * {@code expected} records arrived or {@code timeout} passed, whichever is first.
   *
   * <p>Returns what was read even when it is fewer than expected, so the caller's assertion
   * shows what actually arrived. Partitions are assigned rather than subscribed: no group
   * rebalance to wait for, and a fresh group id means no committed offsets from earlier runs.
   * Records from aborted or still-open transactions are never returned.
   */
  /** The longest {@link #readToEnd} may take before it gives up on the broker. */
  public static final Duration READ_TO_END_LIMIT = Duration.ofSeconds(60);

  public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, String topic,
      Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer, int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(
        consumerConfig(bootstrapServers), keyDeserializer, valueDeserializer)) {
      List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
      if (partitions.isEmpty()) {
        return records; // the topic never appeared
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(POLL).forEach(records::add);
      }
    }
    return records;
  }

  /**
   * Reads every record committed to {@code topic} up to now: it takes the partitions' end offsets
   * (the last stable offsets, as a read_committed consumer sees them) and polls until it has reached
   * them all. Unlike a read for a fixed time, the answer does not depend on how loaded the machine
   * is; {@link #READ_TO_END_LIMIT} only guards against a broker that stopped answering.
   */
  public static <K, V> List<ConsumerRecord<K, V>> readToEnd(String bootstrapServers, String topic,
      Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
    long deadline = System.nanoTime() + READ_TO_END_LIMIT.toNanos();
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(
        consumerConfig(bootstrapServers), keyDeserializer, valueDeserializer)) {
      List<TopicPartition> partitions = awaitPartitions(consumer, topic, System.nanoTime() + 5 * METADATA_WAIT.toNanos());
      if (partitions.isEmpty()) {
        return records;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TO_END_LIMIT);
      while (!reached(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TO_END_LIMIT);
        }
        consumer.poll(POLL).forEach(records::add);
      }
    }
    return records;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey(), READ_TO_END_LIMIT) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> consumerConfig(String bootstrapServers) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        // Reading must never create the topic it is asked about.
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
  }

  /** Waits for the topic's metadata: it may be created concurrently by the code under test. */
  private static List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
    while (true) {
      List<PartitionInfo> infos = null;
      try {
        infos = consumer.listTopics(METADATA_WAIT).get(topic);
      } catch (TimeoutException e) {
        // The broker was slow to answer; retry until the caller's deadline.
      }
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      }
      if (System.nanoTime() >= deadline) {
        return List.of();
      }
      sleep(POLL);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a topic", e);
    }
  }
}
