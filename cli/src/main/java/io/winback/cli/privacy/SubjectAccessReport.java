package io.winback.cli.privacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.events.CustomerKey;
import io.winback.schemas.json.JsonRecords;
import io.winback.schemas.privacy.DeadLetterContents;
import io.winback.schemas.privacy.KeyRing;
import io.winback.schemas.topics.DeadLetterHeaders;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The subject access report: everything Winback holds about one customer in one JSON document,
 * each part saying where it came from. The processor's and the desk's own reports go in as they
 * answered; the dead letters keyed by the customer are opened with the customer's key while it
 * exists; of the key only whether there is one, never its bytes. A pure function of what was read.
 *
 * <pre>{@code
 * {"customerId": "C-1001", "generatedAt": "...", "complete": true,
 *  "parts": {
 *    "churnProcessor": {"source": "GET http://localhost:8081/privacy/customers/C-1001", "status": "ok", "report": {...}},
 *    "outreachDesk":   {"source": "GET http://localhost:8080/api/privacy/customers/C-1001", "status": "ok", "report": {...}},
 *    "deadLetters":    {"source": "topic winback.dlq.v1, ...", "status": "ok", "records": [{..., "valueState": "OPENED", "value": {...}}]},
 *    "customerKey":    {"source": "topic winback.keys.v1", "status": "ok", "state": "KNOWN", "keyVersion": 1, ...}},
 *  "notCovered": ["..."]}
 * }</pre>
 */
public final class SubjectAccessReport {

  public static final String PROCESSOR = "churnProcessor";
  public static final String DESK = "outreachDesk";
  public static final String DEAD_LETTERS = "deadLetters";
  public static final String CUSTOMER_KEY = "customerKey";

  /** What Winback does not hold, or cannot answer for: where else a data protection officer must ask. */
  static final List<String> NOT_COVERED = List.of(
      Topics.CANCELLATIONS.name() + ": billing's topic; its records and their retention are billing's",
      Topics.RELATIONSHIPS.name() + ": the CRM's topic; its records and their compaction are the CRM's",
      "backups and WAL archives of the desk's PostgreSQL database: the operator's",
      "sent emails: in the customers' mailboxes and the mail server's logs, not Winback's");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SubjectAccessReport() {}

  /** The customer's key as the keys topic tells it: known, erased, or never written. */
  public record KeyFinding(KeyRing.State state, CustomerKey latest, KeyRing ring) {

    /** From the customer's records on winback.keys.v1, oldest first (null: a tombstone). */
    public static KeyFinding of(String customerId, List<CustomerKey> history) {
      KeyRing ring = new KeyRing();
      history.forEach(record -> ring.apply(customerId, record));
      return new KeyFinding(ring.state(customerId), history.isEmpty() ? null : history.get(history.size() - 1), ring);
    }
  }

  public static ObjectNode assemble(String customerId, Instant generatedAt, ServiceAnswer processor,
      ServiceAnswer desk, KeyFinding key, List<ConsumerRecord<byte[], byte[]>> deadLetters) {
    ObjectNode report = NODES.objectNode();
    report.put("customerId", customerId);
    report.put("generatedAt", generatedAt.toString());
    report.put("complete", processor.ok() && desk.ok());
    ObjectNode parts = report.putObject("parts");
    parts.set(PROCESSOR, service(processor));
    parts.set(DESK, service(desk));
    parts.set(DEAD_LETTERS, deadLetters(deadLetters, key.ring()));
    parts.set(CUSTOMER_KEY, key(key));
    ArrayNode notCovered = report.putArray("notCovered");
    NOT_COVERED.forEach(notCovered::add);
    return report;
  }

  static ObjectNode service(ServiceAnswer answer) {
    ObjectNode part = NODES.objectNode();
    part.put("service", answer.service());
    part.put("source", answer.source());
    part.put("status", answer.status());
    if (answer.httpStatus() > 0) {
      part.put("httpStatus", answer.httpStatus());
    }
    if (answer.ok()) {
      part.set("report", answer.report());
    } else {
      part.put("problem", answer.problem());
    }
    return part;
  }

  static ObjectNode key(KeyFinding key) {
    ObjectNode part = NODES.objectNode();
    part.put("source", "topic " + Topics.KEYS.name() + " (the customer's own encryption key; its bytes are never "
        + "shown)");
    part.put("status", "ok");
    part.put("state", switch (key.state()) {
      case KNOWN -> "KNOWN";
      case ERASED -> "ERASED";
      case UNKNOWN -> "NONE";
    });
    CustomerKey latest = key.latest();
    if (latest != null) {
      part.put("keyVersion", latest.getKeyVersion());
      part.put("createdAt", latest.getCreatedAt().toString());
      part.put("erasedAt", latest.getErasedAt() == null ? null : latest.getErasedAt().toString());
    }
    part.put("meaning", switch (key.state()) {
      case KNOWN -> "the key exists: Winback's sealed copies of the customer's personal data can be read";
      case ERASED -> "the key was deleted: every sealed copy anywhere reads as erased";
      case UNKNOWN -> "no key was ever written: Winback never sealed personal data of this customer";
    });
    return part;
  }

  static ObjectNode deadLetters(List<ConsumerRecord<byte[], byte[]>> letters, KeyRing ring) {
    ObjectNode part = NODES.objectNode();
    part.put("source", "topic " + Topics.DEAD_LETTERS.name() + " (every record keyed by the customer; values sealed "
        + "with the customer's key opened with it)");
    part.put("status", "ok");
    ArrayNode records = part.putArray("records");
    letters.forEach(letter -> records.add(letter(letter, ring)));
    return part;
  }

  static ObjectNode letter(ConsumerRecord<byte[], byte[]> letter, KeyRing ring) {
    ObjectNode json = NODES.objectNode();
    json.put("topic", letter.topic());
    json.put("partition", letter.partition());
    json.put("offset", letter.offset());
    json.put("timestamp", Instant.ofEpochMilli(letter.timestamp()).toString());
    String sourceTopic = header(letter, DeadLetterHeaders.SOURCE_TOPIC);
    json.put("sourceTopic", sourceTopic);
    json.put("sourcePartition", header(letter, DeadLetterHeaders.SOURCE_PARTITION));
    json.put("sourceOffset", header(letter, DeadLetterHeaders.SOURCE_OFFSET));
    json.put("service", header(letter, DeadLetterHeaders.SERVICE));
    json.put("failedAt", header(letter, DeadLetterHeaders.FAILED_AT));
    json.put("errorClass", header(letter, DeadLetterHeaders.ERROR_CLASS));
    json.put("errorMessage", header(letter, DeadLetterHeaders.ERROR_MESSAGE));
    DeadLetterContents.Contents contents = DeadLetterContents.of(letter.key(), letter.value(), letter.headers(), ring);
    json.put("valueState", contents.state().name());
    if (contents.note() != null) {
      json.put("note", contents.note());
    }
    if (contents.readable()) {
      value(json, sourceTopic, contents.value(), ring);
    }
    ObjectNode headers = json.putObject("headers");
    for (Header header : letter.headers()) {
      if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
        headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
      }
    }
    return json;
  }

  /** The original value in Winback's JSON form (its own sealed fields opened too), else base64 and why. */
  private static void value(ObjectNode json, String sourceTopic, byte[] value, KeyRing ring) {
    Optional<TopicSpec<?, ?>> source = Optional.ofNullable(sourceTopic).flatMap(Topics::byName)
        .filter(spec -> spec.valueSchema().isPresent());
    if (source.isEmpty()) {
      json.put("valueBase64", Base64.getEncoder().encodeToString(value));
      json.put("decodeError", "the source topic " + sourceTopic + " has no known value type");
      return;
    }
    try {
      Object decoded = source.get().valueSerde().deserializer().deserialize(sourceTopic, value);
      Object opened;
      try {
        opened = DeadLetterContents.withSealedFieldsOpened(decoded, ring);
      } catch (RuntimeException sealed) {
        opened = decoded;
        json.put("sealedFields", "not opened: " + sealed.getMessage());
      }
      json.set("value", JsonRecords.toJson((IndexedRecord) opened));
    } catch (RuntimeException e) {
      json.put("valueBase64", Base64.getEncoder().encodeToString(value));
      json.put("decodeError", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
