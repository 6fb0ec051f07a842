package io.winback.cli.privacy;

import io.winback.cli.CommandFailure;
import io.winback.cli.KafkaConnection;
import io.winback.events.CustomerKey;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * A customer's records on Winback's own topics, read committed and without a consumer group: the
 * history of their key on winback.keys.v1 (only the partition their key lands on) and every dead
 * letter keyed by them on winback.dlq.v1 (the whole topic: dead letters are few).
 */
public final class CustomerRecords {

  private static final Duration READ_LIMIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConnection kafka;

  public CustomerRecords(KafkaConnection kafka) {
    this.kafka = kafka;
  }

  /**
   * The customer's records on the keys topic, oldest first (null for a tombstone); empty when the
   * topic does not exist or never had a key of theirs.
   */
  public List<CustomerKey> keyHistory(String customerId) {
    byte[] key = customerId.getBytes(StandardCharsets.UTF_8);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<PartitionInfo> partitions = consumer.partitionsFor(Topics.KEYS.name(), Duration.ofSeconds(15));
      if (partitions == null || partitions.isEmpty()) {
        return List.of();
      }
      // Where the processor's producer put it: the default partitioner on the key's bytes.
      int partition = Utils.toPositive(Utils.murmur2(key)) % partitions.size();
      List<CustomerKey> history = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : readToEnd(consumer, List.of(new TopicPartition(Topics.KEYS.name(),
          partition)))) {
        if (Arrays.equals(record.key(), key)) {
          history.add(record.value() == null ? null
              : Topics.KEYS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        }
      }
      return history;
    }
  }

  /** Every dead letter keyed by the customer, in partition and offset order. */
  public List<ConsumerRecord<byte[], byte[]>> deadLetters(String customerId) {
    byte[] key = customerId.getBytes(StandardCharsets.UTF_8);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<PartitionInfo> partitions = consumer.partitionsFor(Topics.DEAD_LETTERS.name(), Duration.ofSeconds(15));
      if (partitions == null || partitions.isEmpty()) {
        return List.of();
      }
      return readToEnd(consumer, partitions.stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList()).stream()
          .filter(record -> Arrays.equals(record.key(), key))
          .sorted(java.util.Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
              .thenComparingLong(ConsumerRecord::offset))
          .toList();
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> config = kafka.readCommittedConsumerConfig();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "winback-cli-privacy");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(config);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer,
      Collection<TopicPartition> partitions) {
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(15));
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + READ_LIMIT.toNanos();
    while (!partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition))) {
      if (System.nanoTime() > deadline) {
        throw new CommandFailure("could not read " + partitions + " to its end within " + READ_LIMIT.toSeconds()
            + " s");
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
          records.add(record);
        }
      }
    }
    return records;
  }
}
