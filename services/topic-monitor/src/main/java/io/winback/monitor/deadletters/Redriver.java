package io.winback.monitor.deadletters;

import io.winback.schemas.privacy.DeadLetterContents;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends selected dead letters back to the topic they came from, when that is safe: only to the
 * processor's inputs ({@link Topics#INPUTS}), only once per letter (the audit on its compacted
 * topic says so, for every monitor instance and across restarts), and on a compacted topic only
 * while the letter still is the latest record of its key ({@link LatestRecordCheck}); never for
 * a customer erased since ({@link SealedLetters}, whatever the topic). The original key, value
 * (a sealed one opened) and headers go back without the dead-letter headers, with
 * winback.redrive.* headers saying who, when and from where; the redriven record and its audit
 * record are written in one transaction.
 *
 * <p>Synchronized: two operators of one instance redriving the same letter at once must not both
 * send it. Every attempt is audited and logged at INFO with ids, topics, partitions, offsets and
 * the operator, never with key or value contents: dead letters carry personal data.
 */
public final class Redriver {

  private static final Logger log = LoggerFactory.getLogger(Redriver.class);

  private final DeadLetterReader reader;
  private final RedriveTransactions transactions;
  private final AuditTrail audit;
  private final LatestRecordCheck latest;
  private final List<TopicSpec<?, ?>> targets;
  private final SealedLetters keys;
  private final Clock clock;

  /** @param targets the topics a dead letter may be sent back to: the processor's inputs */
  public Redriver(DeadLetterReader reader, RedriveTransactions transactions, AuditTrail audit,
      LatestRecordCheck latest, List<TopicSpec<?, ?>> targets, SealedLetters keys, Clock clock) {
    this.reader = reader;
    this.transactions = transactions;
    this.audit = audit;
    this.latest = latest;
    this.targets = List.copyOf(targets);
    this.keys = keys;
    this.clock = clock;
  }

  /** One audit entry per requested dead letter, in the order asked. */
  public synchronized List<AuditEntry> redrive(List<DeadLetterRef> refs, String user) {
    List<DeadLetterRef> distinct = refs.stream().distinct().toList();
    Map<DeadLetterRef, ConsumerRecord<byte[], byte[]>> records = reader.at(distinct);
    List<AuditEntry> results = new ArrayList<>();
    for (DeadLetterRef ref : distinct) {
      String id = UUID.randomUUID().toString();
      long now = clock.millis();
      AuditEntry entry;
      try {
        AuditTrail.Appended appended = transactions.run(sender -> redriveOne(ref, records.get(ref), id, now, user,
            sender));
        audit.written(appended);
        entry = appended.entry();
      } catch (RedriveTransactions.Failed e) {
        entry = failed(ref, entry(id, now, user, ref, AuditEntry.FAILED, null, -1, -1, e.getMessage()));
      }
      results.add(log(entry));
    }
    return results;
  }

  /**
   * Decides and does one redrive inside its transaction: the audit is read to its end first, so
   * a redrive another instance committed a moment ago is seen; the attempt's audit record goes
   * with it, whatever its outcome.
   */
  private AuditTrail.Appended redriveOne(DeadLetterRef ref, ConsumerRecord<byte[], byte[]> record, String id,
      long now, String user, RedriveTransactions.Sender sender) throws Exception {
    if (!audit.catchUp()) {
      // Without the audit it cannot be told what was redriven already: nothing is sent.
      throw RedriveTransactions.failure("the redrive audit could not be read; nothing was sent");
    }
    DeadLetterContents.Contents contents = record == null ? null : keys.contents(record);
    AuditEntry decided = decide(ref, record, contents, id, now, user);
    if (decided != null) {
      return audit.append(sender, reader.topic(), ref, decided);
    }
    String source = DeadLetterDecoder.header(record, DeadLetterHeaders.SOURCE_TOPIC);
    Integer partition = targets.stream().anyMatch(topic -> topic.name().equals(source) && topic.compacted())
        // Back to the partition where it is the latest record of its key, whatever a partitioner would say.
        ? Integer.valueOf(DeadLetterDecoder.header(record, DeadLetterHeaders.SOURCE_PARTITION).trim()) : null;
    // The original bytes: a sealed value goes back opened, as its source topic had it.
    RecordMetadata sent = sender.send(outgoing(record, contents.value(), source, partition, id, user, now,
        reader.topic()));
    AuditEntry redriven = entry(id, now, user, ref, AuditEntry.REDRIVEN, source, sent.partition(), sent.offset(), null);
    return audit.append(sender, reader.topic(), ref, redriven);
  }

  /** Why the letter must not go back (an attempt that sends nothing), or null when it may. */
  private AuditEntry decide(DeadLetterRef ref, ConsumerRecord<byte[], byte[]> record,
      DeadLetterContents.Contents contents, String id, long now, String user) {
    Optional<AuditEntry> previous = audit.redriveOf(reader.topic(), ref);
    if (previous.isPresent()) {
      return entry(id, now, user, ref, AuditEntry.SKIPPED, previous.get().targetTopic(), -1, -1,
          "already redriven by " + previous.get().user() + " (" + previous.get().id() + ")");
    }
    if (record == null) {
      return entry(id, now, user, ref, AuditEntry.NOT_FOUND, null, -1, -1, "no such dead letter");
    }
    String source = DeadLetterDecoder.header(record, DeadLetterHeaders.SOURCE_TOPIC);
    Optional<TopicSpec<?, ?>> target = targets.stream().filter(topic -> topic.name().equals(source)).findFirst();
    if (target.isEmpty()) {
      return entry(id, now, user, ref, AuditEntry.REFUSED, source, -1, -1, source == null
          ? "no source-topic header"
          : "not an input of the processor: only " + targets.stream().map(TopicSpec::name).toList()
              + " take redriven records");
    }
    Optional<String> privacy = privacyRefusal(record, contents);
    if (privacy.isPresent()) {
      return entry(id, now, user, ref, AuditEntry.REFUSED, source, -1, -1, privacy.get());
    }
    if (target.get().compacted()) {
      Optional<String> refusal = latest.refusal(source, record);
      if (refusal.isPresent()) {
        return entry(id, now, user, ref, AuditEntry.REFUSED, source, -1, -1, refusal.get());
      }
    }
    return null;
  }

  /**
   * Never for a customer erased since (a redrive would bring their data back), and only with the
   * original bytes: a value that was dropped, whose key is not there yet or whose seal does not
   * open has nothing to send. Until the ring has read the keys once, an erasure cannot be ruled out.
   */
  private Optional<String> privacyRefusal(ConsumerRecord<byte[], byte[]> record,
      DeadLetterContents.Contents contents) {
    if (record.key() != null && !keys.caughtUp()) {
      return Optional.of("the customers' keys (winback.keys.v1) are not read yet, so it cannot be told whether the "
          + "customer was erased: try again in a moment");
    }
    if (keys.erased(record.key())) {
      return Optional.of("the customer was erased since: a redrive would bring their data back");
    }
    return switch (contents.state()) {
      case PLAIN, OPENED, NO_VALUE -> Optional.empty();
      case ERASED -> Optional.of("the customer was erased since: a redrive would bring their data back");
      case DROPPED -> Optional.of("the value was dropped (" + contents.note() + "): there is nothing to send back");
      case KEY_NOT_AVAILABLE -> Optional.of("the customer's key is not available yet, so the sealed value cannot be "
          + "opened: try again in a moment");
      case SEAL_BROKEN -> Optional.of("the sealed value does not open (" + contents.note() + "): nothing is sent");
    };
  }

  /**
   * Audits an attempt whose transaction failed, in a transaction of its own and from the audit as
   * Kafka holds it (a history written from a stale copy could drop another instance's redrive).
   * If that fails too, the attempt is only logged.
   */
  private AuditEntry failed(DeadLetterRef ref, AuditEntry entry) {
    try {
      audit.appendAlone(transactions, reader.topic(), ref, entry);
    } catch (RedriveTransactions.Failed e) {
      log.warn("redrive attempt {} could not be written to {}: {}", entry.id(), audit.topic().name(), e.getMessage());
    }
    return entry;
  }

  private static AuditEntry log(AuditEntry entry) {
    log.info("redrive id={} user={} outcome={} from={}/{}/{} to={}/{}/{}", entry.id(), entry.user(), entry.outcome(),
        entry.dlqTopic(), entry.dlqPartition(), entry.dlqOffset(),
        entry.targetTopic(), entry.targetPartition(), entry.targetOffset());
    return entry;
  }

  /**
   * The record to send back: the original key and value bytes ({@code value}: a sealed dead
   * letter's opened), the original headers without the dead-letter ones (ours, Spring's, and those
   * of an earlier redrive), and this redrive's.
   * No timestamp: the redrive is a new delivery. No partition either, so the key picks it as it
   * did the first time, unless {@code partition} names one (a compacted topic: where the
   * original is the latest record of its key).
   */
  static ProducerRecord<byte[], byte[]> outgoing(ConsumerRecord<byte[], byte[]> deadLetter, byte[] value,
      String target, Integer partition, String id, String user, long now, String dlqTopic) {
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
    return new ProducerRecord<>(target, partition, deadLetter.key(), value, headers);
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
