package io.winback.processor.query;

import io.winback.events.WinbackCase;
import io.winback.processor.topology.StoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries on the processor's stores. A key lives on exactly one instance; this tells
 * whether that is us (and answers) or which instance to ask instead.
 */
public final class CaseQueries {

  /** The owner of a key: this instance, another one, or nobody right now (rebalancing). */
  public sealed interface Owner {
    record Local() implements Owner {}

    record Remote(HostInfo host) implements Owner {}

    record Unavailable() implements Owner {}
  }

  private final KafkaStreams streams;
  private final HostInfo self;

  public CaseQueries(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  public Owner ownerOfCase(String caseId) {
    return owner(StoreNames.CASES_BY_ID, caseId);
  }

  public Owner ownerOfCustomer(String customerId) {
    return owner(StoreNames.CUSTOMER_CASES, customerId);
  }

  public Optional<WinbackCase> localCase(String caseId) {
    return Optional.ofNullable(this.<WinbackCase>store(StoreNames.CASES_BY_ID).get(caseId));
  }

  /** The customer's cases, oldest first, from the stores of the customer's partition. */
  public List<WinbackCase> localCasesOfCustomer(String customerId) {
    List<String> ids = this.<List<String>>store(StoreNames.CUSTOMER_CASES).get(customerId);
    if (ids == null) {
      return List.of();
    }
    ReadOnlyKeyValueStore<String, WinbackCase> cases = store(StoreNames.CASES);
    List<WinbackCase> found = new ArrayList<>();
    ids.forEach(id -> Optional.ofNullable(cases.get(id)).ifPresent(found::add));
    return found;
  }

  private Owner owner(String store, String key) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return new Owner.Unavailable();
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      return new Owner.Unavailable();
    }
    return metadata.activeHost().equals(self) ? new Owner.Local() : new Owner.Remote(metadata.activeHost());
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }
}
