package io.winback.cli.replay;

import io.winback.cli.CommandFailure;
import io.winback.cli.KafkaConnection;
import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.schemas.rules.EventChecks;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads what replay needs from the topics, committed records only, with a consumer that is assigned
 * its partitions and joins no group: it commits nothing, creates no topic and leaves every service's
 * offsets alone. Each topic is read up to the end it had when the read began.
 */
public final class PastRecords {

  /** Without a single new record for this long, the broker is taken to have stopped answering. */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA = Duration.ofSeconds(15);

  private final KafkaConnection kafka;

  public PastRecords(KafkaConnection kafka) {
    this.kafka = kafka;
  }

  /** The cancellations read, oldest first within a partition, and how many records could not be read. */
  public record Cancellations(List<PastCancellation> records, int undecodable) {}

  /**
   * The cancellation records published at or after {@code from} (every one when it is null).
   */
  public Cancellations cancellations(Instant from) {
    TopicSpec<String, CancellationEvent> topic = Topics.CANCELLATIONS;
    List<PastCancellation> records = new ArrayList<>();
    int[] undecodable = {0};
    read(topic, from, record -> {
      try {
        CancellationEvent event = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        String key = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
        // What the processor dead-letters (undecodable, or breaking a rule the schema cannot check) it never decides.
        if (event == null || EventChecks.problem(key, event).isPresent()) {
          undecodable[0]++;
          return;
        }
        // A record without a timestamp (-1) is decided when the customer cancelled.
        Instant published = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : event.getOccurredAt();
        // The seek found the first record of the period; a later one may still carry an older timestamp.
        if (from == null || !published.isBefore(from)) {
          records.add(new PastCancellation(event, published));
        }
      } catch (SerializationException e) {
        undecodable[0]++;
      }
    });
    return new Cancellations(records, undecodable[0]);
  }

  /** The latest CRM record of each of these customers; a tombstone marks the customer erased for good. */
  public CrmSnapshot relationships(Set<String> customers) {
    TopicSpec<String, CustomerRelationship> topic = Topics.RELATIONSHIPS;
    Map<String, CustomerRelationship> current = new HashMap<>();
    Set<String> erased = new HashSet<>();
    int[] undecodable = {0};
    read(topic, null, record -> {
      String customerId;
      try {
        customerId = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
      } catch (SerializationException e) {
        undecodable[0]++;
        return;
      }
      if (customerId == null || !customers.contains(customerId)) {
        return;
      }
      if (record.value() == null) {
        current.remove(customerId);
        erased.add(customerId);
        return;
      }
      try {
        CustomerRelationship relationship = topic.valueSerde().deserializer().deserialize(record.topic(),
            record.value());
        if (EventChecks.problem(customerId, relationship).isPresent()) {
          undecodable[0]++; // dead-lettered by the processor: the previous record stays, as in its store
          return;
        }
        // A customer stays erased: the processor refuses CRM data of a customer it has erased.
        current.put(customerId, relationship);
      } catch (SerializationException e) {
        undecodable[0]++; // the customer's previous record stays, as in the processor's store
      }
    });
    return new CrmSnapshot(current, erased, undecodable[0]);
  }

  /**
   * When each of these customers first told an agent not to be contacted, by the publication time of
   * the outcome on outreach.feedback.v1 (within that topic's retention): the processor remembers it
   * for good and suppresses every later case of theirs.
   */
  public Map<String, Instant> doNotContactRecorded(Set<String> customers) {
    TopicSpec<String, OutreachFeedback> topic = Topics.FEEDBACK;
    Map<String, Instant> since = new HashMap<>();
    read(topic, null, record -> {
      OutreachFeedback feedback;
      try {
        feedback = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
      } catch (SerializationException e) {
        return; // the processor dead-letters it and records nothing
      }
      if (feedback == null || !customers.contains(feedback.getCustomerId())
          || !DoNotContact.recordedBy(feedback.getOutcome())) {
        return;
      }
      since.merge(feedback.getCustomerId(), Instant.ofEpochMilli(record.timestamp()),
          (first, later) -> first.isBefore(later) ? first : later);
    });
    return since;
  }

  private void read(TopicSpec<?, ?> topic, Instant from, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), METADATA);
      if (infos == null || infos.isEmpty()) {
        throw new CommandFailure("topic " + topic.name() + " does not exist yet (services create it at start-up)");
      }
      List<TopicPartition> partitions = infos.stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA);
      seek(consumer, partitions, from, ends);
      long lastProgress = System.nanoTime();
      while (!reached(consumer, ends)) {
        if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
          throw new CommandFailure("could not read " + topic.name() + " to its end: no record for "
              + STALL_LIMIT.toSeconds() + " s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          lastProgress = System.nanoTime();
          if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
            each.accept(record);
          }
        }
      }
    }
  }

  /** From the beginning, or from the first record published at or after {@code from}. */
  private static void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant from,
      Map<TopicPartition, Long> ends) {
    if (from == null) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, METADATA);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp found = offsets.get(partition);
      consumer.seek(partition, found == null ? ends.get(partition) : found.offset());
    }
  }

  private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey(), METADATA) >= end.getValue());
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = kafka.readCommittedConsumerConfig();
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "winback-cli-replay");
    // Asking for a topic's partitions must never create it.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    return config;
  }
}
