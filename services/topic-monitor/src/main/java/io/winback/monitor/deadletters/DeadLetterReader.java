package io.winback.monitor.deadletters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the dead-letter topic without joining a group: the newest records for the view, or exact
 * records for a redrive. Each call takes a fresh read_committed consumer (a dead letter written
 * in an aborted transaction never happened) and closes it; pages are viewed far less often than
 * a consumer is cheap.
 */
public final class DeadLetterReader {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final String topic;
  private final Duration timeout;

  public DeadLetterReader(Supplier<Consumer<byte[], byte[]>> consumers, String topic, Duration timeout) {
    this.consumers = consumers;
    this.topic = topic;
    this.timeout = timeout;
  }

  public String topic() {
    return topic;
  }

  /** At most {@code limit} of the newest dead letters, newest first. */
  public List<ConsumerRecord<byte[], byte[]>> newest(int limit) {
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      List<TopicPartition> partitions = partitions(consumer);
      if (partitions.isEmpty() || limit <= 0) {
        return List.of();
      }
      // Assigned first: a read_committed consumer only tracks the last stable offset of its own
      // partitions (and complains about the others). endOffsets is then that stable offset, so the
      // read below never waits on an open transaction.
      consumer.assign(partitions);
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, timeout);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      Map<TopicPartition, Long> wanted = new HashMap<>();
      partitions.forEach(partition -> {
        long from = Math.max(starts.get(partition), ends.get(partition) - limit);
        if (from < ends.get(partition)) {
          wanted.put(partition, from);
        }
      });
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      if (!wanted.isEmpty()) {
        consumer.assign(wanted.keySet());
        wanted.forEach(consumer::seek);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !reachedEnd(consumer, ends, wanted)) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
              records.add(record);
            }
          }
        }
      }
      return records.stream()
          .sorted(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> record) -> record.timestamp()).reversed()
              .thenComparingInt(ConsumerRecord::partition)
              .thenComparing(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> record) -> record.offset()).reversed()))
          .limit(limit)
          .toList();
    }
  }

  /** The records at exactly these positions; missing ones (never written, or aged out) are left out. */
  public Map<DeadLetterRef, ConsumerRecord<byte[], byte[]>> at(List<DeadLetterRef> refs) {
    Map<DeadLetterRef, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      List<TopicPartition> partitions = partitions(consumer);
      for (DeadLetterRef ref : refs) {
        TopicPartition partition = new TopicPartition(topic, ref.partition());
        if (!partitions.contains(partition) || ref.offset() < 0) {
          continue;
        }
        one(consumer, partition, ref.offset()).ifPresent(record -> found.put(ref, record));
      }
    }
    return found;
  }

  private Optional<ConsumerRecord<byte[], byte[]>> one(Consumer<byte[], byte[]> consumer, TopicPartition partition,
      long offset) {
    consumer.assign(List.of(partition));
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    if (offset >= end) {
      return Optional.empty();
    }
    consumer.seek(partition, offset);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() == offset) {
          return Optional.of(record);
        }
        if (record.offset() > offset) {
          return Optional.empty(); // aged out or aborted: the consumer skipped past it
        }
      }
      if (consumer.position(partition) > offset) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    return infos == null ? List.of()
        : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
  }

  private static boolean reachedEnd(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends,
      Map<TopicPartition, Long> wanted) {
    return wanted.keySet().stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
  }
}
