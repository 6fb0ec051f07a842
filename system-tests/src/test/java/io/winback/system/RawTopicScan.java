package io.winback.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record a topic still holds, as bytes: key, value and every header, read uncommitted (the
 * records of aborted transactions are in the log too) from the first offset the broker still has.
 * What compaction or retention removed is not there; everything else is.
 */
final class RawTopicScan {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  private RawTopicScan() {}

  /** "topic partition@offset: what" for every record in which {@code finder} finds something. */
  static List<String> find(String bootstrap, List<String> topics, Function<byte[], List<String>> finder) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
          continue;
        }
        List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition()))
            .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition))) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError(topic + " could not be read to its end within " + LIMIT);
          }
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            List<String> what = new ArrayList<>();
            finder.apply(record.key()).forEach(item -> what.add(item + " in the key"));
            finder.apply(record.value()).forEach(item -> what.add(item + " in the value"));
            for (Header header : record.headers()) {
              finder.apply(header.value()).forEach(item -> what.add(item + " in header " + header.key()));
            }
            if (!what.isEmpty()) {
              found.add(record.topic() + " " + record.partition() + "@" + record.offset() + ": " + what);
            }
          }
        }
      }
    }
    return found;
  }
}
