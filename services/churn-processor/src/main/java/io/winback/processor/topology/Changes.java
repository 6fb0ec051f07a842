package io.winback.processor.topology;

import io.winback.events.CustomerKey;
import io.winback.events.CustomerRelationship;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.metrics.ProcessorMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Everything one input (or one due timer) changes: store writes, records to forward and counters,
 * gathered while the transitions are computed and written only when all of them are. Reads go
 * through it, so a later step of the same input sees the earlier ones. If computing fails half
 * way, the changes are dropped and the stores are as they were: the input is dead-lettered having
 * changed nothing, and a redrive applies it once.
 */
final class Changes {

  private record Forward(Record<?, ?> record, String child) {}

  private final CaseStores stores;
  private final Map<String, CaseFile> cases = new LinkedHashMap<>();
  private final Map<String, List<String>> customerCases = new LinkedHashMap<>();
  private final Map<String, Optional<CustomerRelationship>> relationships = new LinkedHashMap<>();
  private final Map<String, String> doNotContact = new LinkedHashMap<>();
  private final Map<String, Optional<String>> timers = new LinkedHashMap<>();
  private final Map<String, CustomerKey> customerKeys = new LinkedHashMap<>();
  private final List<Forward> forwards = new ArrayList<>();
  private final List<Consumer<ProcessorMetrics>> counts = new ArrayList<>();

  Changes(CaseStores stores) {
    this.stores = stores;
  }

  CaseFile caseFile(String caseId) {
    return cases.containsKey(caseId) ? cases.get(caseId) : stores.cases().get(caseId);
  }

  List<String> caseIdsOf(String customerId) {
    List<String> ids = customerCases.containsKey(customerId) ? customerCases.get(customerId)
        : stores.customerCases().get(customerId);
    return ids == null ? List.of() : ids;
  }

  CustomerRelationship relationship(String customerId) {
    Optional<CustomerRelationship> staged = relationships.get(customerId);
    return staged != null ? staged.orElse(null) : stores.relationships().get(customerId);
  }

  boolean doNotContactRecorded(String customerId) {
    return doNotContact.containsKey(customerId) || stores.doNotContact().get(customerId) != null;
  }

  void putCase(CaseFile file) {
    cases.put(file.caseId(), file);
  }

  /** The case is gone from the store (retention); {@link #caseFile} then says null. */
  void deleteCase(String caseId) {
    cases.put(caseId, null);
  }

  /** The customer's key, or the marker that they were erased; null when the processor never made one. */
  CustomerKey customerKey(String customerId) {
    return customerKeys.containsKey(customerId) ? customerKeys.get(customerId)
        : stores.customerKeys().get(customerId);
  }

  void putCustomerKey(String customerId, CustomerKey key) {
    customerKeys.put(customerId, key);
  }

  /** The customer's case ids; none left removes the customer's entry. */
  void putCaseIds(String customerId, List<String> caseIds) {
    customerCases.put(customerId, List.copyOf(caseIds));
  }

  void putRelationship(String customerId, CustomerRelationship relationship) {
    relationships.put(customerId, Optional.of(relationship));
  }

  void deleteRelationship(String customerId) {
    relationships.put(customerId, Optional.empty());
  }

  void putDoNotContact(String customerId, String since) {
    doNotContact.put(customerId, since);
  }

  void putTimer(String key, String value) {
    timers.put(key, Optional.of(value));
  }

  void deleteTimer(String key) {
    timers.put(key, Optional.empty());
  }

  void forward(Record<?, ?> record, String child) {
    forwards.add(new Forward(record, child));
  }

  void count(Consumer<ProcessorMetrics> count) {
    counts.add(count);
  }

  /**
   * Writes it all. Nothing here is caught: a failure now is not the input's fault (a store or a
   * serializer broke), so it stops the stream thread and exactly-once rolls the transaction back.
   */
  void writeTo(ProcessorContext<Object, Object> context, ProcessorMetrics metrics) {
    cases.forEach((caseId, file) -> {
      if (file != null) {
        stores.cases().put(caseId, file);
      } else {
        stores.cases().delete(caseId);
      }
    });
    customerCases.forEach((customerId, ids) -> {
      if (ids.isEmpty()) {
        stores.customerCases().delete(customerId);
      } else {
        stores.customerCases().put(customerId, new ArrayList<>(ids));
      }
    });
    relationships.forEach((customerId, relationship) -> {
      if (relationship.isPresent()) {
        stores.relationships().put(customerId, relationship.get());
      } else {
        stores.relationships().delete(customerId);
      }
    });
    doNotContact.forEach(stores.doNotContact()::put);
    customerKeys.forEach(stores.customerKeys()::put);
    timers.forEach((key, value) -> {
      if (value.isPresent()) {
        stores.timers().put(key, value.get());
      } else {
        stores.timers().delete(key);
      }
    });
    forwards.forEach(forward -> context.forward(objects(forward.record()), forward.child()));
    counts.forEach(count -> count.accept(metrics));
  }

  @SuppressWarnings("unchecked")
  private static Record<Object, Object> objects(Record<?, ?> record) {
    return (Record<Object, Object>) record;
  }
}
