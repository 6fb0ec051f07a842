package io.winback.monitor.deadletters;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.events.CustomerKey;
import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.privacy.KeyMaterial;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Dead letters as the services write them (see the processor's DeadLetters). */
public final class DeadLetterFixtures {

  /** A ring that has read the keys topic and knows no key: for letters that are not sealed. */
  public static final SealedLetters NO_KEYS = new SealedLetters(new KeyRing(), () -> true);

  private DeadLetterFixtures() {}

  /** A customer's key as winback.keys.v1 carries it, and the erased marker that replaces it. */
  public static CustomerKey keyRecord(String customerId, KeyMaterial key) {
    return CustomerKey.newBuilder().setCustomerId(customerId).setKey(ByteBuffer.wrap(key.bytes()))
        .setKeyVersion(key.version()).setCreatedAt(Instant.parse("2026-11-20T09:00:00Z")).setErasedAt(null).build();
  }

  public static CustomerKey erasedRecord(String customerId) {
    return CustomerKey.newBuilder().setCustomerId(customerId).setKey(null).setKeyVersion(1)
        .setCreatedAt(Instant.parse("2026-11-20T09:00:00Z")).setErasedAt(Instant.parse("2026-11-21T09:00:00Z"))
        .build();
  }

  /** The headers of a dead letter whose value is sealed with the customer's key, for source partition 3, offset 41. */
  public static RecordHeaders sealedHeaders(String sourceTopic, String errorMessage) {
    RecordHeaders headers = headers(sourceTopic, errorMessage);
    add(headers, DeadLetterHeaders.SEALED, DeadLetterSeals.CUSTOMER_KEY);
    return headers;
  }

  /** The value as a service seals it for that customer and the source position of {@link #headers}. */
  public static byte[] sealedValue(byte[] value, KeyMaterial key, String customerId, String sourceTopic) {
    return DeadLetterSeals.seal(value, key, customerId, sourceTopic, 3, 41);
  }

  public static CancellationEvent cancellation(String customerId) {
    return CancellationEvent.newBuilder()
        .setEventId("evt-" + customerId)
        .setType(CancellationType.CANCELLED)
        .setCustomerId(customerId)
        .setContractId("K-77")
        .setProduct("Glasfaser 250")
        .setOccurredAt(Instant.parse("2026-11-20T09:15:00Z"))
        .setEffectiveAt(LocalDate.parse("2027-01-31"))
        .setReason(CancellationReason.PRICE)
        .setReasonText("Zu teuer geworden")
        .setMonthlyRevenue(new BigDecimal("49.90"))
        .build();
  }

  /** A cancellation of that customer as billing writes it: the value bytes on billing.cancellations.v1. */
  public static byte[] cancellationBytes(String customerId) {
    return Topics.CANCELLATIONS.valueSerde().serializer().serialize(Topics.CANCELLATIONS.name(),
        cancellation(customerId));
  }

  /** The headers a service puts on a dead letter, after the original's own ones. */
  public static RecordHeaders headers(String sourceTopic, String errorMessage) {
    RecordHeaders headers = new RecordHeaders();
    add(headers, "traceparent", "00-abc-def-01");
    add(headers, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic);
    add(headers, DeadLetterHeaders.SOURCE_PARTITION, "3");
    add(headers, DeadLetterHeaders.SOURCE_OFFSET, "41");
    add(headers, DeadLetterHeaders.ERROR_CLASS, "io.winback.processor.intake.InvalidInputException");
    add(headers, DeadLetterHeaders.ERROR_MESSAGE, errorMessage);
    add(headers, DeadLetterHeaders.FAILED_AT, "2026-11-20T09:16:00Z");
    add(headers, DeadLetterHeaders.SERVICE, "churn-processor");
    return headers;
  }

  static ConsumerRecord<byte[], byte[]> deadLetter(byte[] key, byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(Topics.DEAD_LETTERS.name(), 1, 17, 1_763_630_160_000L, TimestampType.CREATE_TIME,
        key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers, Optional.empty());
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
