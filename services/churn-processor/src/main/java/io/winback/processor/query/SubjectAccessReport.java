package io.winback.processor.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.events.CustomerKey;
import io.winback.events.CustomerRelationship;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.cases.Effect;
import io.winback.processor.topology.StoreNames;
import io.winback.processor.topology.TimerKeys;
import io.winback.schemas.json.JsonRecords;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Everything the processor holds about one customer (a subject access report), from the stores of
 * the customer's partition, each part naming its store: the CRM data it keeps (minimised), whether
 * the customer's key exists (never its bytes), a do-not-contact, the case list, each case with the
 * cancellation that opened it (ids, statuses, channels, outcomes, dates) and the pending timers.
 * After erasure the same report lists ids, statuses and dates: the stores hold nothing else then.
 */
public final class SubjectAccessReport {

  public static final String SERVICE = "churn-processor";

  /** A store of the customer's partition, by name (interactive queries in the service, the test driver in tests). */
  @FunctionalInterface
  public interface Stores {
    <V> ReadOnlyKeyValueStore<String, V> store(String name);
  }

  private SubjectAccessReport() {}

  public static ObjectNode of(String customerId, Stores stores, Instant now) {
    ObjectNode report = JsonRecords.mapper().createObjectNode();
    report.put("customerId", customerId);
    report.put("service", SERVICE);
    report.put("generatedAt", now.toString());
    CustomerKey key = stores.<CustomerKey>store(StoreNames.CUSTOMER_KEYS).get(customerId);
    report.put("erased", key != null && key.getKey() == null);
    ArrayNode parts = report.putArray("parts");

    CustomerRelationship relationship = stores.<CustomerRelationship>store(StoreNames.RELATIONSHIPS).get(customerId);
    part(parts, StoreNames.RELATIONSHIPS, "the CRM data the channel policy and the templates use (minimised)")
        .set("value", relationship == null ? null : JsonRecords.toJson(relationship));

    ObjectNode keyPart = part(parts, StoreNames.CUSTOMER_KEYS,
        "the customer's own key for the personal fields Winback writes: whether it exists, never its bytes");
    if (key == null) {
      keyPart.putNull("value");
    } else {
      ObjectNode value = keyPart.putObject("value");
      value.put("keyExists", key.getKey() != null);
      value.put("keyVersion", key.getKeyVersion());
      value.put("createdAt", key.getCreatedAt().toString());
      value.put("erasedAt", key.getErasedAt() == null ? null : key.getErasedAt().toString());
    }

    String doNotContactSince = stores.<String>store(StoreNames.DO_NOT_CONTACT).get(customerId);
    ObjectNode doNotContact = part(parts, StoreNames.DO_NOT_CONTACT, "the customer asked not to be contacted, since");
    if (doNotContactSince == null) {
      doNotContact.putNull("value");
    } else {
      doNotContact.putObject("value").put("since", doNotContactSince);
    }

    List<String> stored = stores.<List<String>>store(StoreNames.CUSTOMER_CASES).get(customerId);
    List<String> caseIds = stored == null ? List.of() : stored;
    Set<String> known = Set.copyOf(caseIds);
    ArrayNode ids = part(parts, StoreNames.CUSTOMER_CASES, "the customer's case ids, oldest first").putArray("value");
    caseIds.forEach(ids::add);

    ArrayNode cases = part(parts, StoreNames.CASES,
        "each case: its state (tasks, outcomes, dates) and the cancellation that opened it").putArray("value");
    ReadOnlyKeyValueStore<String, CaseFile> caseStore = stores.store(StoreNames.CASES);
    for (String id : caseIds) {
      CaseFile file = caseStore.get(id);
      if (file != null) {
        ObjectNode entry = cases.addObject();
        entry.set("case", JsonRecords.toJson(file.state()));
        entry.set("cancellation", JsonRecords.toJson(file.cancellation()));
      }
    }

    ArrayNode timers = part(parts, StoreNames.TIMERS, "what is due for the customer's cases, and when")
        .putArray("value");
    try (KeyValueIterator<String, String> all = stores.<String>store(StoreNames.TIMERS).all()) {
      while (all.hasNext()) {
        KeyValue<String, String> entry = all.next();
        Effect.Timer timer = TimerKeys.parse(entry.key);
        if (known.contains(timer.caseId())) {
          timers.addObject().put("kind", timer.kind().name()).put("dueAt", timer.at().toString())
              .put("caseId", timer.caseId()).put("taskId", timer.taskId());
        }
      }
    }
    return report;
  }

  private static ObjectNode part(ArrayNode parts, String store, String what) {
    return parts.addObject().put("source", "store").put("store", store).put("what", what);
  }
}
