package io.winback.monitor.deadletters;

import io.winback.events.CancellationEvent;
import io.winback.events.CancellationReason;
import io.winback.events.CancellationType;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Dead letters as the services write them (see the processor's DeadLetters). */
public final class DeadLetterFixtures {

  private DeadLetterFixtures() {}

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
