package io.winback.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.winback.schemas.json.InvalidJsonRecordException;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * One line of {@code winback produce} input turned into the key and value bytes for its topic.
 * A line is either the event itself, or an envelope {@code {"key": ..., "value": ...}} whose
 * null value is a tombstone on a compacted topic.
 */
public final class JsonLine {

  /** A line ready to publish; {@code value} is null for a tombstone. */
  public record Record(String key, byte[] keyBytes, byte[] value) {}

  /** A line that must not be published, with the field at fault (empty for the whole line). */
  public static final class BadLine extends RuntimeException {
    private final String field;

    BadLine(String field, String reason) {
      super(reason);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private static final Set<String> ENVELOPE = Set.of("key", "value");

  private JsonLine() {}

  /** Parses one non-blank line for {@code topic}; throws {@link BadLine} if it does not fit. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Record parse(String line, TopicSpec<?, ?> topic) {
    if (topic.valueSchema().isEmpty()) {
      throw new BadLine("", "topic " + topic.name() + " carries raw bytes, not JSON events");
    }
    JsonNode json;
    try {
      json = JsonRecords.mapper().readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadLine("", "not valid JSON: " + e.getOriginalMessage());
    }
    if (json == null || !json.isObject()) {
      throw new BadLine("", "expected a JSON object");
    }
    String explicitKey = null;
    JsonNode value = json;
    if (isEnvelope(json)) {
      explicitKey = json.get("key").isTextual() ? json.get("key").textValue() : null;
      if (explicitKey == null || explicitKey.isBlank()) {
        throw new BadLine("key", "the envelope's key must be a non-empty string");
      }
      value = json.get("value");
      if (value == null || value.isNull()) {
        if (!topic.compacted()) {
          throw new BadLine("value", "a null value (tombstone) is only allowed on compacted topics, and "
              + topic.name() + " is not compacted");
        }
        return new Record(explicitKey, keyBytes(topic, explicitKey), null);
      }
    }
    SpecificRecord event;
    try {
      event = JsonRecords.fromJson(value, topic.valueSchema().get());
    } catch (InvalidJsonRecordException e) {
      throw new BadLine(e.field(), e.reason());
    }
    String key = String.valueOf(event.get(event.getSchema().getField(topic.keyField()).pos()));
    if (explicitKey != null && !explicitKey.equals(key)) {
      throw new BadLine("key", "the envelope's key '" + explicitKey + "' differs from the event's "
          + topic.keyField() + " '" + key + "'");
    }
    byte[] valueBytes = ((Serde) topic.valueSerde()).serializer().serialize(topic.name(), event);
    return new Record(key, keyBytes(topic, key), valueBytes);
  }

  private static boolean isEnvelope(JsonNode json) {
    if (json.size() != 2) {
      return false;
    }
    for (var names = json.fieldNames(); names.hasNext(); ) {
      if (!ENVELOPE.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static byte[] keyBytes(TopicSpec<?, ?> topic, String key) {
    Serde<Object> keys = (Serde<Object>) topic.keySerde();
    Object typedKey = key;
    if (topic.keySerde().serializer() instanceof org.apache.kafka.common.serialization.ByteArraySerializer) {
      typedKey = key.getBytes(StandardCharsets.UTF_8);
    }
    return keys.serializer().serialize(topic.name(), typedKey);
  }
}
