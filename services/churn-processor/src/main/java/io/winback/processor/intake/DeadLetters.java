package io.winback.processor.intake;

import io.winback.schemas.privacy.DeadLetterSeals;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/** Builds the dead-letter record: original key, value and headers, plus why and from where. */
public final class DeadLetters {

  public static final String SERVICE = "churn-processor";
  private static final int MAX_MESSAGE = 1_000;

  private DeadLetters() {}

  public static Record<byte[], byte[]> of(RawRecord raw, String errorClass, String message, Instant now) {
    Headers headers = new RecordHeaders(raw.headers() == null ? new RecordHeaders().toArray() : raw.headers().toArray());
    add(headers, DeadLetterHeaders.SOURCE_TOPIC, raw.topic());
    add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(raw.partition()));
    add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(raw.offset()));
    add(headers, DeadLetterHeaders.ERROR_CLASS, errorClass);
    add(headers, DeadLetterHeaders.ERROR_MESSAGE,
        message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
    add(headers, DeadLetterHeaders.FAILED_AT, now.toString());
    add(headers, DeadLetterHeaders.SERVICE, SERVICE);
    return new Record<>(raw.key(), raw.value(), now.toEpochMilli(), headers);
  }

  /**
   * A dead letter about a case rather than an input, e.g. one whose timer keeps failing: key and
   * value as on winback.cases.v1 (so the monitor shows the case), no source partition or offset.
   */
  public static Record<byte[], byte[]> ofCase(String caseId, byte[] caseValue, String errorClass, String message,
      Instant now) {
    RawRecord raw = new RawRecord(Topics.CASES.name(), -1, -1, caseId.getBytes(StandardCharsets.UTF_8), caseValue,
        new RecordHeaders());
    Record<byte[], byte[]> letter = of(raw, errorClass, message, now);
    add(letter.headers(), DeadLetterHeaders.CASE_ID, caseId);
    return letter;
  }

  /**
   * The dead letter with {@code sealedValue} (its value sealed with the key of the customer the
   * record is keyed by) instead of its value, marked {@link DeadLetterHeaders#SEALED}.
   */
  public static Record<byte[], byte[]> sealed(Record<byte[], byte[]> letter, byte[] sealedValue) {
    add(letter.headers(), DeadLetterHeaders.SEALED, DeadLetterSeals.CUSTOMER_KEY);
    return letter.withValue(sealedValue);
  }

  /**
   * The dead letter without its value, which could not be sealed and is never kept in the clear;
   * {@link DeadLetterHeaders#VALUE_DROPPED} says why ({@code reason}).
   */
  public static Record<byte[], byte[]> withoutValue(Record<byte[], byte[]> letter, String reason) {
    add(letter.headers(), DeadLetterHeaders.VALUE_DROPPED, reason);
    return letter.withValue(null);
  }

  private static void add(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
