package io.winback.monitor.deadletters;

import io.winback.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends selected dead letters back to the topic they came from: the original key, value and
 * headers, without the dead-letter headers, with winback.redrive.* headers saying who, when and
 * from where. The key bytes are unchanged, so the default partitioner puts the record on the
 * same partition as the original and per-customer order holds.
 *
 * <p>Synchronized: two operators redriving the same letter at once must not both send it.
 *
 * <p>Every attempt is audited and logged at INFO with ids, topics, partitions, offsets and the
 * operator, never with key or value contents: dead letters carry personal data.
 */
public final class Redriver {

  private static final Logger log = LoggerFactory.getLogger(Redriver.class);

  private final DeadLetterReader reader;
  private final Producer<byte[], byte[]> producer;
  private final RedriveAudit audit;
  private final Set<String> targets;
  private final Clock clock;
  private final Duration sendTimeout;

  /** @param targets the topics a dead letter may be sent back to (the catalogue, less the DLQ) */
  public Redriver(DeadLetterReader reader, Producer<byte[], byte[]> producer, RedriveAudit audit,
      Set<String> targets, Clock clock, Duration sendTimeout) {
    this.reader = reader;
    this.producer = producer;
    this.audit = audit;
    this.targets = Set.copyOf(targets);
    this.clock = clock;
    this.sendTimeout = sendTimeout;
  }

  /** One audit entry per requested dead letter, in the order asked. */
  public synchronized List<AuditEntry> redrive(List<DeadLetterRef> refs, String user) {
    List<DeadLetterRef> distinct = refs.stream().distinct().toList();
    Map<DeadLetterRef, ConsumerRecord<byte[], byte[]>> records = reader.at(distinct);
    List<AuditEntry> results = new ArrayList<>();
    for (DeadLetterRef ref : distinct) {
      AuditEntry entry = redriveOne(ref, records.get(ref), user);
      audit.add(entry);
      log.info("redrive id={} user={} outcome={} from={}/{}/{} to={}/{}/{}", entry.id(), entry.user(), entry.outcome(),
          entry.dlqTopic(), entry.dlqPartition(), entry.dlqOffset(),
          entry.targetTopic(), entry.targetPartition(), entry.targetOffset());
      results.add(entry);
    }
    return results;
  }

  private AuditEntry redriveOne(DeadLetterRef ref, ConsumerRecord<byte[], byte[]> record, String user) {
    String id = UUID.randomUUID().toString();
    long now = clock.millis();
    var previous = audit.redriveOf(ref);
    if (previous.isPresent()) {
      return entry(id, now, user, ref, AuditEntry.SKIPPED, previous.get().targetTopic(), -1, -1,
          "already redriven by " + previous.get().user() + " (" + previous.get().id() + ")");
    }
    if (record == null) {
      return entry(id, now, user, ref, AuditEntry.NOT_FOUND, null, -1, -1, "no such dead letter");
    }
    String target = DeadLetterDecoder.header(record, DeadLetterHeaders.SOURCE_TOPIC);
    if (target == null || !targets.contains(target)) {
      return entry(id, now, user, ref, AuditEntry.REFUSED, target, -1, -1,
          target == null ? "no source-topic header" : "source topic is not a catalogue input");
    }
    ProducerRecord<byte[], byte[]> outgoing = outgoing(record, target, id, user, now, reader.topic());
    try {
      RecordMetadata sent = producer.send(outgoing).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return entry(id, now, user, ref, AuditEntry.REDRIVEN, target, sent.partition(), sent.offset(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return entry(id, now, user, ref, AuditEntry.FAILED, target, -1, -1, "interrupted");
    } catch (ExecutionException e) {
      return entry(id, now, user, ref, AuditEntry.FAILED, target, -1, -1, e.getCause().getClass().getSimpleName());
    } catch (TimeoutException e) {
      return entry(id, now, user, ref, AuditEntry.FAILED, target, -1, -1, "no acknowledgement in time");
    }
  }

  /**
   * The record to send back: key and value bytes unchanged, the original headers without the
   * dead-letter ones (ours, Spring's, and those of an earlier redrive), and this redrive's.
   * No partition and no timestamp: the key picks the partition as it did the first time, and
   * the redrive is a new delivery.
   */
  static ProducerRecord<byte[], byte[]> outgoing(ConsumerRecord<byte[], byte[]> deadLetter, String target, String id,
      String user, long now, String dlqTopic) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : deadLetter.headers()) {
      String name = header.key();
      if (!name.startsWith(DeadLetterHeaders.PREFIX) && !name.startsWith(RedriveHeaders.PREFIX)
          && !name.startsWith(RedriveHeaders.SPRING_DLT_PREFIX)) {
        headers.add(header);
      }
    }
    add(headers, RedriveHeaders.ID, id);
    add(headers, RedriveHeaders.BY, user);
    add(headers, RedriveHeaders.AT, Instant.ofEpochMilli(now).toString());
    add(headers, RedriveHeaders.DLQ_TOPIC, dlqTopic);
    add(headers, RedriveHeaders.DLQ_PARTITION, Integer.toString(deadLetter.partition()));
    add(headers, RedriveHeaders.DLQ_OFFSET, Long.toString(deadLetter.offset()));
    return new ProducerRecord<>(target, null, deadLetter.key(), deadLetter.value(), headers);
  }

  private AuditEntry entry(String id, long at, String user, DeadLetterRef ref, String outcome, String target,
      int partition, long offset, String note) {
    return new AuditEntry(id, at, user, reader.topic(), ref.partition(), ref.offset(), outcome, target, partition,
        offset, note);
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
