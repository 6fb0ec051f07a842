package io.winback.monitor.cases;

import io.winback.events.Attention;
import io.winback.events.WinbackCase;
import io.winback.schemas.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cases that need an operator, from winback.cases.v1: the monitor reads the compacted topic
 * from its beginning, without a consumer group, and then follows it; it keeps only the cases
 * whose latest state carries an attention, and forgets one as soon as a later state has none.
 * {@link #poll} runs on one thread (the monitor's sampler loop); {@link #current} on any.
 */
public final class AttentionCases implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AttentionCases.class);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final TopicSpec<String, WinbackCase> topic;
  private final Duration pollFor;
  private final Map<String, AttentionCase> cases = new ConcurrentHashMap<>();
  private volatile boolean caughtUp;
  private Consumer<byte[], byte[]> consumer;

  public AttentionCases(Supplier<Consumer<byte[], byte[]>> consumers, TopicSpec<String, WinbackCase> topic,
      Duration pollFor) {
    this.consumers = consumers;
    this.topic = topic;
    this.pollFor = pollFor;
  }

  /** Reads what arrived since the last call (from the beginning the first time). */
  public void poll() {
    try {
      if (consumer == null && !subscribe()) {
        return;
      }
      int read = 0;
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollFor)) {
        apply(record);
        read++;
      }
      if (read == 0) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), pollFor);
        caughtUp = ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
      }
    } catch (KafkaException e) {
      log.warn("{} could not be read: {}", topic.name(), e.getMessage());
      close();
    }
  }

  /** The cases that need attention now, the longest waiting first. */
  public List<AttentionCase> current() {
    return cases.values().stream().sorted(Comparator.comparingLong(AttentionCase::since)
        .thenComparing(AttentionCase::caseId)).toList();
  }

  /** Whether the topic has been read to its end once: before that the list may be incomplete. */
  public boolean caughtUp() {
    return caughtUp;
  }

  private boolean subscribe() {
    consumer = consumers.get();
    List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), pollFor);
    if (infos == null || infos.isEmpty()) {
      close();
      return false;
    }
    List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic.name(), info.partition()))
        .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return true;
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      return;
    }
    String caseId = new String(record.key(), StandardCharsets.UTF_8);
    WinbackCase state;
    try {
      state = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    } catch (RuntimeException e) {
      log.warn("skipped an undecodable case on {} partition {} offset {}: {}", topic.name(), record.partition(),
          record.offset(), e.getMessage());
      return;
    }
    Attention attention = state == null ? null : state.getAttention();
    if (attention == null) {
      cases.remove(caseId);
    } else {
      cases.put(caseId, new AttentionCase(caseId, state.getCustomerId(), state.getStatus().name(),
          attention.getReason(), attention.getSince().toEpochMilli(), attention.getFailures(),
          state.getUpdatedAt().toEpochMilli()));
    }
  }

  @Override
  public void close() {
    if (consumer != null) {
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.debug("closing the cases reader: {}", e.getMessage());
      }
      consumer = null;
      caughtUp = false; // read again from the beginning; what is known stays until then

    }
  }
}
