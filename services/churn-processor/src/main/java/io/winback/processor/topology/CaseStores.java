package io.winback.processor.topology;

import io.winback.events.CustomerKey;
import io.winback.events.CustomerRelationship;
import io.winback.processor.cases.CaseFile;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The case processor's stores of one partition (see {@link StoreNames}). */
record CaseStores(
    KeyValueStore<String, CaseFile> cases,
    KeyValueStore<String, List<String>> customerCases,
    KeyValueStore<String, CustomerRelationship> relationships,
    KeyValueStore<String, String> doNotContact,
    KeyValueStore<String, String> timers,
    KeyValueStore<String, CustomerKey> customerKeys) {

  /** A key no case, customer or timer has: only its tombstones are ever written. */
  static final String ROLL_KEY = "";

  /**
   * A tombstone of {@link #ROLL_KEY} into every changelog that can hold personal data or a key, so
   * that the broker rolls their segments even when a partition is quiet: a value an erasure
   * superseded is cleaned away only once the erasure left the active segment.
   */
  void rollPersonalChangelogs() {
    cases.delete(ROLL_KEY);
    relationships.delete(ROLL_KEY);
    customerKeys.delete(ROLL_KEY);
  }

  static CaseStores of(ProcessorContext<?, ?> context) {
    return new CaseStores(context.getStateStore(StoreNames.CASES), context.getStateStore(StoreNames.CUSTOMER_CASES),
        context.getStateStore(StoreNames.RELATIONSHIPS), context.getStateStore(StoreNames.DO_NOT_CONTACT),
        context.getStateStore(StoreNames.TIMERS), context.getStateStore(StoreNames.CUSTOMER_KEYS));
  }
}
