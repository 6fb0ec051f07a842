package io.winback.processor.topology;

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
    KeyValueStore<String, String> timers) {

  static CaseStores of(ProcessorContext<?, ?> context) {
    return new CaseStores(context.getStateStore(StoreNames.CASES), context.getStateStore(StoreNames.CUSTOMER_CASES),
        context.getStateStore(StoreNames.RELATIONSHIPS), context.getStateStore(StoreNames.DO_NOT_CONTACT),
        context.getStateStore(StoreNames.TIMERS));
  }
}
