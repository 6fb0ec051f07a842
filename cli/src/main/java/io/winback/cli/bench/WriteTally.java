package io.winback.cli.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The committed records of some topics between given offsets and their end, counted with their
 * key and value bytes, per topic: what an application wrote, to compare the processor's records
 * per case with the floor's, and to know how many records a restore has to read.
 */
final class WriteTally {

  /** Records and bytes of one topic. */
  record Written(long records, long keyBytes, long valueBytes) {

    Written plus(Written other) {
      return new Written(records + other.records, keyBytes + other.keyBytes, valueBytes + other.valueBytes);
    }

    long bytes() {
      return keyBytes + valueBytes;
    }
  }

  static final Written NOTHING = new Written(0, 0, 0);

  private WriteTally() {}

  /**
   * Reads every partition from its start offset to its end offset at the time of the call, read_committed.
   *
   * @param partitions the partitions to read, with their start offsets
   * @return per topic, sorted by name; topics without records are there with {@link #NOTHING}
   */
  static Map<String, Written> read(String bootstrap, Map<TopicPartition, Long> partitions, Duration timeout) {
    return read(bootstrap, partitions, Map.of(), timeout);
  }

  /**
   * Reads every partition from its start offset up to its offset in {@code until} (exclusive), or
   * to its end offset at the time of the call where {@code until} has none; read_committed.
   */
  static Map<String, Written> read(String bootstrap, Map<TopicPartition, Long> partitions,
      Map<TopicPartition, Long> until, Duration timeout) {
    Map<String, Object> config = new HashMap<>(BenchKafka.readCommittedConsumer(bootstrap, "winback-bench-tally"));
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // offset 0 of a topic whose start was deleted
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    Map<String, Written> tally = new TreeMap<>();
    partitions.keySet().forEach(partition -> tally.putIfAbsent(partition.topic(), NOTHING));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(partitions.keySet());
      partitions.forEach(consumer::seek);
      Map<TopicPartition, Long> ends = new LinkedHashMap<>(consumer.endOffsets(partitions.keySet()));
      ends.replaceAll((partition, end) -> until.getOrDefault(partition, end));
      ends.entrySet().removeIf(end -> end.getValue() <= partitions.get(end.getKey()));
      consumer.pause(partitions.keySet().stream().filter(partition -> !ends.containsKey(partition)).toList());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!ends.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + ends.keySet() + " to their end within "
              + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
          if (end == null || record.offset() >= end) {
            continue; // past the offset asked for
          }
          tally.merge(record.topic(), new Written(1, record.key() == null ? 0 : record.key().length,
              record.value() == null ? 0 : record.value().length), Written::plus);
        }
        // read_committed stops at the last stable offset and steps over transaction markers: done
        // with a partition once its position has passed the end seen at the start.
        List<TopicPartition> done = ends.entrySet().stream()
            .filter(end -> consumer.position(end.getKey(), Duration.ofSeconds(10)) >= end.getValue())
            .map(Map.Entry::getKey).toList();
        done.forEach(ends::remove);
        consumer.pause(done);
      }
    }
    return tally;
  }

  /** All partitions of the named topics from offset 0, as {@link #read} takes them. */
  static Map<TopicPartition, Long> fromStart(Map<String, Integer> partitionsByTopic) {
    Map<TopicPartition, Long> start = new HashMap<>();
    partitionsByTopic.forEach((topic, count) -> {
      for (int partition = 0; partition < count; partition++) {
        start.put(new TopicPartition(topic, partition), 0L);
      }
    });
    return start;
  }
}
