package io.winback.desk.privacy;

import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What a dead letter of the desk may carry as its value. The original bytes can hold anything of
 * the customer (a task's contact, a CRM record), so they are sealed with the key of the customer
 * the record is keyed by, for its source position ({@link DeadLetterSeals}, header
 * {@link DeadLetterHeaders#SEALED}). Where that is not possible (no key in the record, a topic not
 * keyed by customer, the customer's key unknown here or erased) the value is dropped and
 * {@link DeadLetterHeaders#VALUE_DROPPED} says why: never the value in the clear.
 */
public final class DeadLetterSealing {

  static final String NO_CUSTOMER = DeadLetterHeaders.DROPPED_NO_CUSTOMER_ID;
  static final String NOT_CUSTOMER_KEYED = DeadLetterHeaders.DROPPED_NOT_CUSTOMER_KEYED;
  static final String KEY_UNKNOWN = DeadLetterHeaders.DROPPED_CUSTOMER_KEY_UNKNOWN;
  static final String ERASED = DeadLetterHeaders.DROPPED_CUSTOMER_ERASED;

  private final CustomerKeys keys;

  public DeadLetterSealing(CustomerKeys keys) {
    this.keys = keys;
  }

  /** The value to send (sealed, or null), with the header that says which is added to {@code headers}. */
  public byte[] value(ConsumerRecord<?, ?> record, byte[] original, Headers headers) {
    if (original == null) {
      return null; // a tombstone: nothing of anyone in it
    }
    Optional<String> dropped = whyNotSealable(record);
    if (dropped.isPresent()) {
      headers.add(DeadLetterHeaders.VALUE_DROPPED, dropped.get().getBytes(StandardCharsets.UTF_8));
      return null;
    }
    String customerId = new String((byte[]) record.key(), StandardCharsets.UTF_8);
    byte[] sealed = DeadLetterSeals.seal(original, keys.key(customerId).orElseThrow(), customerId, record.topic(),
        record.partition(), record.offset());
    headers.add(DeadLetterHeaders.SEALED, DeadLetterSeals.CUSTOMER_KEY.getBytes(StandardCharsets.UTF_8));
    return sealed;
  }

  private Optional<String> whyNotSealable(ConsumerRecord<?, ?> record) {
    // The keys topic is keyed by customer, but its values are keys: they never go anywhere else.
    boolean customerKeyed = !Topics.KEYS.name().equals(record.topic()) && Topics.byName(record.topic())
        .map(TopicSpec::keyField).filter("customerId"::equals).isPresent();
    if (!customerKeyed) {
      return Optional.of(NOT_CUSTOMER_KEYED);
    }
    if (!(record.key() instanceof byte[] key) || key.length == 0) {
      return Optional.of(NO_CUSTOMER);
    }
    return switch (keys.state(new String(key, StandardCharsets.UTF_8))) {
      case KNOWN -> Optional.empty();
      case ERASED -> Optional.of(ERASED);
      case UNKNOWN -> Optional.of(KEY_UNKNOWN);
    };
  }
}
