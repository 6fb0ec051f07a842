package io.winback.monitor.deadletters;

import io.winback.events.RedriveAttempt;
import io.winback.events.RedriveAudit;
import io.winback.schemas.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of what operators did with dead letters, read from its compacted topic
 * (winback.redrive-audit.v1): per dead letter every redrive attempt and every reveal of its
 * payload, who, when and with what result. Every monitor instance reads the whole topic and then
 * follows it, so "already redriven" survives a restart and is the same everywhere. It catches up
 * with the topic's end before it answers, so what one instance wrote a moment ago another one knows.
 *
 * <p>A letter's record holds its whole history, so whoever adds to it must start from the latest
 * one: {@link #append} inside a {@link RedriveTransactions} transaction, after {@link #catchUp}
 * (the shared transactional id keeps any other instance from writing in between). What this
 * instance knows only ever moves to a later offset of the topic, whichever thread tells it.
 *
 * <p>Ids, places and operators only: no key, no value, no error text (which may quote data).
 */
public final class AuditTrail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int MAX_ATTEMPTS = 100;

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final TopicSpec<String, RedriveAudit> topic;
  private final Duration timeout;
  private final Map<String, RedriveAudit> letters = new HashMap<>();
  /** The offset on the audit topic of each letter's record in {@link #letters}. */
  private final Map<String, Long> offsets = new HashMap<>();
  private Consumer<byte[], byte[]> consumer;

  /** An attempt sent to the audit topic in a transaction: pass it to {@link #written} once that committed. */
  public record Appended(AuditEntry entry, RedriveAudit value, long offset) {}

  public AuditTrail(Supplier<Consumer<byte[], byte[]>> consumers, TopicSpec<String, RedriveAudit> topic,
      Duration timeout) {
    this.consumers = consumers;
    this.topic = topic;
    this.timeout = timeout;
  }

  /** How a dead letter is named on the audit topic: {@code <dlq topic>/<partition>/<offset>}. */
  public static String letterId(String dlqTopic, DeadLetterRef ref) {
    return dlqTopic + "/" + ref.partition() + "/" + ref.offset();
  }

  public TopicSpec<String, RedriveAudit> topic() {
    return topic;
  }

  /**
   * Reads what was written to the audit topic since the last call, up to its end now.
   *
   * @return false when Kafka did not let it reach the end in time: what it knows may be stale
   */
  public synchronized boolean catchUp() {
    try {
      if (consumer == null) {
        consumer = consumers.get();
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
        if (infos == null || infos.isEmpty()) {
          close();
          return false;
        }
        List<TopicPartition> partitions = infos.stream()
            .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reachedEnd(ends)) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          apply(record);
        }
      }
      return true;
    } catch (KafkaException e) {
      log.warn("the redrive audit could not be read: {}", e.getMessage());
      close();
      return false;
    }
  }

  /** The history of one dead letter, empty if nobody ever tried to redrive or reveal it. */
  public synchronized Optional<RedriveAudit> of(String dlqTopic, DeadLetterRef ref) {
    return Optional.ofNullable(letters.get(letterId(dlqTopic, ref)));
  }

  /** The successful redrive of that dead letter, if any monitor did one. */
  public synchronized Optional<AuditEntry> redriveOf(String dlqTopic, DeadLetterRef ref) {
    return of(dlqTopic, ref).flatMap(audit -> audit.getAttempts().stream()
        .filter(attempt -> AuditEntry.REDRIVEN.equals(attempt.getOutcome()))
        .findFirst()
        .map(attempt -> entry(audit, attempt)));
  }

  /** The newest {@code limit} entries of every letter, redrives and reveals, newest first. */
  public synchronized List<AuditEntry> entries(int limit) {
    List<AuditEntry> all = new ArrayList<>();
    letters.values().forEach(audit -> audit.getAttempts().forEach(attempt -> all.add(entry(audit, attempt))));
    return all.stream().sorted(Comparator.comparingLong(AuditEntry::at).reversed().thenComparing(AuditEntry::id))
        .limit(limit).toList();
  }

  /** The letter's history with one more attempt: the value to write for it. */
  public synchronized RedriveAudit withAttempt(String dlqTopic, DeadLetterRef ref, AuditEntry entry) {
    RedriveAudit current = letters.get(letterId(dlqTopic, ref));
    List<RedriveAttempt> attempts = new ArrayList<>(current == null ? List.of() : current.getAttempts());
    attempts.add(RedriveAttempt.newBuilder()
        .setId(entry.id())
        .setBy(entry.user())
        .setAt(java.time.Instant.ofEpochMilli(entry.at()))
        .setOutcome(entry.outcome())
        .setTargetTopic(entry.targetTopic())
        .setTargetPartition(entry.targetPartition())
        .setTargetOffset(entry.targetOffset())
        .setNote(entry.note())
        .build());
    // Bounded: first the oldest attempts that neither sent nor showed anything go, then the oldest
    // reveals; a successful redrive never (it is the guard against a second one).
    dropOldest(attempts, outcome -> !AuditEntry.REDRIVEN.equals(outcome) && !AuditEntry.REVEALED.equals(outcome));
    dropOldest(attempts, outcome -> !AuditEntry.REDRIVEN.equals(outcome));
    return RedriveAudit.newBuilder()
        .setLetterId(letterId(dlqTopic, ref))
        .setDlqTopic(dlqTopic)
        .setDlqPartition(ref.partition())
        .setDlqOffset(ref.offset())
        .setAttempts(attempts)
        .build();
  }

  /**
   * Sends the letter's history with one more attempt, inside the caller's transaction. Call it
   * after {@link #catchUp} in the same transaction, so the history it extends is the latest.
   */
  public Appended append(RedriveTransactions.Sender sender, String dlqTopic, DeadLetterRef ref, AuditEntry entry)
      throws Exception {
    RedriveAudit value = withAttempt(dlqTopic, ref, entry);
    RecordMetadata sent = sender.send(new ProducerRecord<>(topic.name(),
        value.getLetterId().getBytes(StandardCharsets.UTF_8), topic.valueSerde().serializer().serialize(topic.name(),
        value)));
    return new Appended(entry, value, sent.offset());
  }

  /**
   * Writes one entry in a transaction of its own, extending the letter's history as Kafka holds it
   * now (a history written from a stale copy could drop another instance's redrive from it).
   *
   * @throws RedriveTransactions.Failed when it could not be written: then nothing was
   */
  public AuditEntry appendAlone(RedriveTransactions transactions, String dlqTopic, DeadLetterRef ref,
      AuditEntry entry) throws RedriveTransactions.Failed {
    written(transactions.run(sender -> {
      if (!catchUp()) {
        throw RedriveTransactions.failure("the audit could not be read");
      }
      return append(sender, dlqTopic, ref, entry);
    }));
    return entry;
  }

  /** Takes what this instance has just written and committed, before the topic is read again. */
  public void written(Appended appended) {
    written(appended.value(), appended.offset());
  }

  /**
   * Takes a letter's history written at {@code offset} of the audit topic, unless a later one is
   * known already (two threads may tell it in either order).
   */
  public synchronized void written(RedriveAudit audit, long offset) {
    take(audit.getLetterId(), audit, offset);
  }

  @Override
  public synchronized void close() {
    if (consumer != null) {
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        log.debug("closing the audit reader: {}", e.getMessage());
      }
      consumer = null;
      letters.clear(); // read again from the beginning by the next consumer
      offsets.clear();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (key == null) {
      return;
    }
    try {
      take(key, record.value() == null ? null : topic.valueSerde().deserializer().deserialize(topic.name(),
          record.value()), record.offset());
    } catch (RuntimeException e) {
      log.warn("skipped an undecodable record on {} at partition {} offset {}: {}", topic.name(), record.partition(),
          record.offset(), e.getMessage());
    }
  }

  /** A letter's history as of {@code offset}; null for a tombstone. Never goes back to an earlier offset. */
  private void take(String letterId, RedriveAudit audit, long offset) {
    Long known = offsets.get(letterId);
    if (known != null && known >= offset) {
      return;
    }
    offsets.put(letterId, offset);
    if (audit == null) {
      letters.remove(letterId);
    } else {
      letters.put(letterId, audit);
    }
  }

  private static void dropOldest(List<RedriveAttempt> attempts, Predicate<String> droppable) {
    for (int i = 0; attempts.size() > MAX_ATTEMPTS && i < attempts.size(); ) {
      if (droppable.test(attempts.get(i).getOutcome())) {
        attempts.remove(i);
      } else {
        i++;
      }
    }
  }

  private boolean reachedEnd(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  private static AuditEntry entry(RedriveAudit audit, RedriveAttempt attempt) {
    return new AuditEntry(attempt.getId(), attempt.getAt().toEpochMilli(), attempt.getBy(), audit.getDlqTopic(),
        audit.getDlqPartition(), audit.getDlqOffset(), attempt.getOutcome(), attempt.getTargetTopic(),
        attempt.getTargetPartition(), attempt.getTargetOffset(), attempt.getNote());
  }
}
