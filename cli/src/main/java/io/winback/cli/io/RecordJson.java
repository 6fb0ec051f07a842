package io.winback.cli.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;

/**
 * A consumed record as one JSON object: key, partition, offset, timestamp, headers, and the value
 * in the same JSON form {@code winback produce} takes. Raw-byte values (the dead-letter topic)
 * are shown as base64; a value that does not decode is shown as base64 with the reason.
 */
public final class RecordJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {}

  public static ObjectNode render(TopicSpec<?, ?> topic, ConsumerRecord<byte[], byte[]> record) {
    ObjectNode json = NODES.objectNode();
    json.put("topic", record.topic());
    json.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    json.put("partition", record.partition());
    json.put("offset", record.offset());
    json.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    ObjectNode headers = json.putObject("headers");
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    }
    if (record.value() == null) {
      json.putNull("value");
    } else if (topic.valueSchema().isEmpty()) {
      json.put("value", Base64.getEncoder().encodeToString(record.value()));
    } else {
      try {
        Object value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        json.set("value", JsonRecords.toJson((IndexedRecord) value));
      } catch (SerializationException e) {
        json.put("value", Base64.getEncoder().encodeToString(record.value()));
        json.put("error", e.getMessage());
      }
    }
    return json;
  }
}
