package io.winback.monitor.deadletters;

import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.DeadLetterContents;
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
 * payload: the value (opened with the customer's key when it is sealed) decoded with the serde of
 * the topic it came from (named in its winback.dlq.source-topic header) and shown in Winback's
 * JSON form, where that fails the raw bytes in base64 and the decoder's complaint; the key; every
 * header.
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

  /**
   * Everything: the metadata, the key, the value decoded (or raw), every header. A sealed value is
   * opened with the customer's key first, and a decoded task's or feedback's own sealed fields too;
   * an erased customer's value, one whose key is not known yet, and one whose seal does not open
   * are not shown at all ({@link DeadLetter#valueState()} says which).
   */
  public static DeadLetter decode(ConsumerRecord<byte[], byte[]> record, SealedLetters keys) {
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
    DeadLetterContents.Contents contents = keys.contents(record);
    // Nothing to decode when the value is not there to read: valueState and valueNote say why.
    Decoded decoded = contents.readable() ? decodeValue(sourceTopic, source, contents.value(), keys)
        : new Decoded(null, null);
    return new DeadLetter(metadata(record),
        key,
        decoded.json(),
        decoded.json() == null && contents.readable() ? Base64.getEncoder().encodeToString(contents.value()) : null,
        decoded.error(),
        contents.state(),
        contents.note(),
        List.copyOf(dlq),
        List.copyOf(other));
  }

  private record Decoded(String json, String error) {}

  private static Decoded decodeValue(String sourceTopic, Optional<TopicSpec<?, ?>> source, byte[] value,
      SealedLetters keys) {
    if (sourceTopic == null) {
      return new Decoded(null, "no " + DeadLetterHeaders.SOURCE_TOPIC + " header: the source topic is unknown");
    }
    if (source.isEmpty()) {
      return new Decoded(null, "source topic " + sourceTopic + " is not a catalogue topic with a known value type");
    }
    try {
      Object decoded = source.get().valueSerde().deserializer().deserialize(sourceTopic, value);
      if (!(decoded instanceof IndexedRecord)) {
        return new Decoded(null, "the value is not an Avro record");
      }
      IndexedRecord avro = (IndexedRecord) openFields(decoded, keys);
      return new Decoded(JsonRecords.mapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(JsonRecords.toJson(avro)), null);
    } catch (Exception e) {
      return new Decoded(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** A task's or feedback's own seals opened; left sealed (the ciphertext shown) when they do not open. */
  private static Object openFields(Object decoded, SealedLetters keys) {
    try {
      return keys.withSealedFieldsOpened(decoded);
    } catch (RuntimeException sealedStill) {
      return decoded;
    }
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
