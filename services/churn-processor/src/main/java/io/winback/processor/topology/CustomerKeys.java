package io.winback.processor.topology;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerKey;
import io.winback.events.OutreachTask;
import io.winback.processor.intake.DeadLetters;
import io.winback.processor.intake.RawRecord;
import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.privacy.Sealing;
import io.winback.schemas.privacy.TaskSeals;
import io.winback.schemas.topics.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The customers' own keys. The processor is the only writer of winback.keys.v1: it makes a
 * customer's key the first time it writes personal data of theirs (a task, a dead letter of their
 * record), and puts it into its store and onto the keys topic with the changes of the same input,
 * so in the same exactly-once transaction as the record it seals: no reader sees a sealed record
 * whose key was not written with it. Erasure replaces the key by a marker without key bytes, in
 * the store and on the topic; from then on nothing personal of that customer is written, and no
 * new key is made for them.
 */
final class CustomerKeys {

  static final int FIRST_VERSION = 1;

  private CustomerKeys() {}

  /** KNOWN while the customer has a key, ERASED after erasure, UNKNOWN before the processor wrote anything of theirs. */
  static KeyRing.State state(String customerId, Changes changes) {
    CustomerKey stored = changes.customerKey(customerId);
    if (stored == null) {
      return KeyRing.State.UNKNOWN;
    }
    return erased(stored) ? KeyRing.State.ERASED : KeyRing.State.KNOWN;
  }

  /**
   * The customer's key, made now (into the store and onto winback.keys.v1, with this input's
   * changes) when there is none yet; empty when the customer was erased.
   */
  static Optional<KeyMaterial> keyFor(String customerId, Changes changes, Instant now) {
    CustomerKey stored = changes.customerKey(customerId);
    if (stored == null) {
      KeyMaterial key = Sealing.newKey(FIRST_VERSION);
      write(CustomerKey.newBuilder().setCustomerId(customerId).setKey(ByteBuffer.wrap(key.bytes()))
          .setKeyVersion(key.version()).setCreatedAt(now).setErasedAt(null).build(), changes, now);
      changes.count(m -> m.count("customer-key-created"));
      return Optional.of(key);
    }
    if (erased(stored)) {
      return Optional.empty();
    }
    ByteBuffer bytes = stored.getKey().duplicate();
    byte[] material = new byte[bytes.remaining()];
    bytes.get(material);
    return Optional.of(new KeyMaterial(stored.getKeyVersion(), material));
  }

  /**
   * The customer is erased: the key goes, and a record without key bytes (erasedAt set) tells
   * every reader so. Also for a customer who never had a key, so that none is ever made for them.
   */
  static void erase(String customerId, Changes changes, Instant now) {
    CustomerKey stored = changes.customerKey(customerId);
    if (stored != null && erased(stored)) {
      return; // a repeated tombstone: erased already
    }
    write(CustomerKey.newBuilder().setCustomerId(customerId).setKey(null)
        .setKeyVersion(stored == null ? FIRST_VERSION : stored.getKeyVersion())
        .setCreatedAt(stored == null ? now : stored.getCreatedAt()).setErasedAt(now).build(), changes, now);
  }

  /**
   * The task as it goes to its topic: its personal fields sealed with the customer's key. A task
   * without personal data (a CANCEL) goes as it is and needs no key; one of an erased customer goes
   * without its personal data (the policy cannot contact a customer without CRM data, so only a
   * CANCEL should ever get here, but nothing personal is written whatever comes).
   */
  static OutreachTask seal(OutreachTask task, Changes changes, Instant now) {
    OutreachTask withoutPersonalData = TaskSeals.withoutPersonalData(task);
    if (withoutPersonalData.equals(task)) {
      return task;
    }
    Optional<KeyMaterial> key = keyFor(task.getCustomerId(), changes, now);
    if (key.isEmpty()) {
      changes.count(m -> m.count("task-of-erased-customer"));
      return withoutPersonalData;
    }
    return TaskSeals.seal(task, key.get());
  }

  /**
   * The dead letter of an input as it goes to winback.dlq.v1: its value sealed with the key of the
   * customer the record is keyed by, bound to the record's source position. A record keyed by no
   * customer, or by an erased one, has its value dropped (with a header that says why), never kept
   * in the clear.
   */
  static Record<byte[], byte[]> seal(Record<byte[], byte[]> letter, RawRecord raw, Changes changes, Instant now) {
    if (letter.value() == null) {
      return letter;
    }
    String customerId = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
    if (customerId == null || customerId.isBlank()) {
      changes.count(m -> m.count("dead-letter-value-dropped"));
      return DeadLetters.withoutValue(letter, DeadLetterHeaders.DROPPED_NO_CUSTOMER_ID);
    }
    Optional<KeyMaterial> key = keyFor(customerId, changes, now);
    if (key.isEmpty()) {
      changes.count(m -> m.count("dead-letter-value-dropped"));
      return DeadLetters.withoutValue(letter, DeadLetterHeaders.DROPPED_CUSTOMER_ERASED);
    }
    return DeadLetters.sealed(letter, DeadLetterSeals.seal(letter.value(), key.get(), customerId, raw.topic(),
        raw.partition(), raw.offset()));
  }

  /** What a case of an erased customer may keep of a cancellation: everything but the free text. */
  static CancellationEvent withoutPersonalData(CancellationEvent cancellation) {
    return cancellation.getReasonText() == null ? cancellation
        : CancellationEvent.newBuilder(cancellation).setReasonText(null).build();
  }

  /**
   * The key of the tombstone that keeps partition {@code partition} of winback.keys.v1 rolling: the
   * broker rolls a segment only on an append, and an erasure marker is cleaned together with the key
   * it supersedes only once it left the active segment. No customer has it (it starts with NUL);
   * a key ring takes it for an erased customer nobody asks about.
   */
  static String rollKeyFor(int partition, int partitions) {
    for (int n = 0; ; n++) {
      String key = "\u0000segment-roll-" + n;
      if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
        return key;
      }
    }
  }

  private static boolean erased(CustomerKey key) {
    return key.getKey() == null || key.getErasedAt() != null;
  }

  private static void write(CustomerKey key, Changes changes, Instant now) {
    changes.putCustomerKey(key.getCustomerId(), key);
    changes.forward(new Record<>(key.getCustomerId(), key, now.toEpochMilli()), ChurnTopology.KEYS);
  }
}
