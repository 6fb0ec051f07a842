package io.winback.monitor.deadletters;

import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a dead-letter record into something an operator can read. {@link #metadata} reads its
 * position and winback.dlq.* headers and nothing else, for every operator. {@link #decode} adds the
 * payload: the value decoded with the serde of the topic it came from (named in its
 * winback.dlq.source-topic header) and shown in Winback's JSON form, where that fails the raw
 * bytes in base64 and the decoder's complaint; the key; every header.
 */
public final class DeadLetterDecoder {

  private DeadLetterDecoder() {}

  /** Position, source, service, time and reason: never the key, the value or the original headers. */
  public static DeadLetterMetadata metadata(ConsumerRecord<byte[], byte[]> record) {
    return new DeadLetterMetadata(record.partition(), record.offset(), record.timestamp(),
        header(record, DeadLetterHeaders.SOURCE_TOPIC),
        header(record, DeadLetterHeaders.SOURCE_PARTITION),
        header(record, DeadLetterHeaders.SOURCE_OFFSET),
        header(record, DeadLetterHeaders.ERROR_CLASS),
        header(record, DeadLetterHeaders.ERROR_MESSAGE),
        header(record, DeadLetterHeaders.FAILED_AT),
        header(record, DeadLetterHeaders.SERVICE),
        header(record, DeadLetterHeaders.CASE_ID));
  }

  /** Everything: the metadata, the key, the value decoded (or raw), every header. */
  public static DeadLetter decode(ConsumerRecord<byte[], byte[]> record) {
    List<DeadLetter.Header> dlq = new ArrayList<>();
    List<DeadLetter.Header> other = new ArrayList<>();
    for (Header header : record.headers()) {
      DeadLetter.Header shown = new DeadLetter.Header(header.key(), text(header.value()));
      (header.key().startsWith(DeadLetterHeaders.PREFIX) ? dlq : other).add(shown);
    }
    String sourceTopic = header(record, DeadLetterHeaders.SOURCE_TOPIC);
    Optional<TopicSpec<?, ?>> source = Optional.ofNullable(sourceTopic).flatMap(Topics::byName)
        .filter(spec -> !spec.equals(Topics.DEAD_LETTERS));

    String key = record.key() == null ? null : source.map(spec -> decodeKey(spec, record.key()))
        .orElseGet(() -> text(record.key()));
    String json = null;
    String error = null;
    if (record.value() == null) {
      error = "no value (a tombstone)";
    } else if (sourceTopic == null) {
      error = "no " + DeadLetterHeaders.SOURCE_TOPIC + " header: the source topic is unknown";
    } else if (source.isEmpty()) {
      error = "source topic " + sourceTopic + " is not a catalogue topic with a known value type";
    } else {
      try {
        Object value = source.get().valueSerde().deserializer().deserialize(sourceTopic, record.value());
        if (value instanceof IndexedRecord avro) {
          json = JsonRecords.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(JsonRecords.toJson(avro));
        } else {
          error = "the value is not an Avro record";
        }
      } catch (Exception e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    return new DeadLetter(metadata(record),
        key,
        json,
        json == null && record.value() != null ? Base64.getEncoder().encodeToString(record.value()) : null,
        error,
        List.copyOf(dlq),
        List.copyOf(other));
  }

  private static String decodeKey(TopicSpec<?, ?> spec, byte[] key) {
    try {
      return String.valueOf(spec.keySerde().deserializer().deserialize(spec.name(), key));
    } catch (RuntimeException e) {
      return text(key);
    }
  }

  /** The last header of that name as UTF-8 text, or null. */
  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : text(header.value());
  }

  static String text(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notText) {
      return "base64:" + Base64.getEncoder().encodeToString(bytes);
    }
  }
}
