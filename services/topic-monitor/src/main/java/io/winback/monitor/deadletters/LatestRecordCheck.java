package io.winback.monitor.deadletters;

import io.winback.schemas.topics.DeadLetterHeaders;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a dead letter from a compacted topic may go back to it. On a compacted topic the last
 * record of a key is its current value: a stale record redriven there would become the current
 * value for good, and could undo a consent withdrawal or bring back a customer the CRM erased.
 * So it may go back only while it still is the last record of its key: the original must still
 * be at its offset, and no later record (a newer value, or a tombstone) for the key may follow.
 */
public final class LatestRecordCheck {

  private static final Duration POLL = Duration.ofMillis(200);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Duration timeout;

  public LatestRecordCheck(Supplier<Consumer<byte[], byte[]>> consumers, Duration timeout) {
    this.consumers = consumers;
    this.timeout = timeout;
  }

  /** Why the dead letter must not go back to {@code topic}; empty when it still is its key's latest record. */
  public Optional<String> refusal(String topic, ConsumerRecord<byte[], byte[]> deadLetter) {
    String partitionHeader = DeadLetterDecoder.header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION);
    String offsetHeader = DeadLetterDecoder.header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET);
    int partition;
    long offset;
    try {
      partition = Integer.parseInt(String.valueOf(partitionHeader).trim());
      offset = Long.parseLong(String.valueOf(offsetHeader).trim());
    } catch (NumberFormatException e) {
      return Optional.of("no source partition and offset: it cannot be told whether a newer record exists");
    }
    if (partition < 0 || offset < 0 || deadLetter.key() == null) {
      return Optional.of("no source partition, offset or key: it cannot be told whether a newer record exists");
    }
    try (Consumer<byte[], byte[]> consumer = consumers.get()) {
      TopicPartition source = new TopicPartition(topic, partition);
      consumer.assign(List.of(source));
      long end = consumer.endOffsets(List.of(source), timeout).get(source);
      if (offset >= end) {
        return Optional.of("the original record is not on " + topic + " at offset " + offset);
      }
      consumer.seek(source, offset);
      boolean first = true;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(source) < end) {
        if (System.nanoTime() > deadline) {
          return Optional.of(topic + " could not be read to its end in time: it cannot be told whether a newer record"
              + " exists");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          if (first) {
            first = false;
            if (record.offset() != offset || !Arrays.equals(record.key(), deadLetter.key())) {
              return Optional.of("the original record at offset " + offset + " is gone from " + topic
                  + ": compaction removed it, so a newer record or an erasure replaced it");
            }
          } else if (Arrays.equals(record.key(), deadLetter.key())) {
            return Optional.of(record.value() == null
                ? "the key was erased since (tombstone at offset " + record.offset() + ")"
                : "a newer record for this key exists on " + topic + " (offset " + record.offset() + ")");
          }
        }
      }
      return first ? Optional.of("the original record is not on " + topic + " at offset " + offset) : Optional.empty();
    }
  }
}
