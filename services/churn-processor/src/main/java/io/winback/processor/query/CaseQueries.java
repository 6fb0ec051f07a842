package io.winback.processor.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winback.events.WinbackCase;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries on the processor's stores. Everything lives in the partition of its
 * customer: a customer's key names its owner, so a query by customer goes straight there. A case
 * id does not say which customer it belongs to, so a query by case id asks this instance's own
 * partitions and then each other instance (keeping a second copy of every case keyed by case id
 * would cost a changelog write per case update for a rare query).
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

  /** Whether every store can be queried now: not while rebalancing or restoring. */
  public boolean ready() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  public Owner ownerOfCustomer(String customerId) {
    if (!ready()) {
      return new Owner.Unavailable();
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(StoreNames.CUSTOMER_CASES, customerId,
        Serdes.String().serializer());
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      return new Owner.Unavailable();
    }
    return metadata.activeHost().equals(self) ? new Owner.Local() : new Owner.Remote(metadata.activeHost());
  }

  /** The other instances that run active partitions of the case store, each named once. */
  public List<HostInfo> otherOwnersOfCases() {
    return streams.streamsMetadataForStore(StoreNames.CASES).stream()
        .filter(instance -> !instance.topicPartitions().isEmpty())
        .map(StreamsMetadata::hostInfo)
        .filter(host -> !host.equals(self))
        .distinct()
        .toList();
  }

  /** The case from this instance's own partitions, if it is one of theirs. */
  public Optional<WinbackCase> localCase(String caseId) {
    return Optional.ofNullable(cases().get(caseId)).map(CaseFile::state);
  }

  /** The customer's cases, oldest first, from the stores of the customer's partition. */
  public List<WinbackCase> localCasesOfCustomer(String customerId) {
    List<String> ids = this.<List<String>>store(StoreNames.CUSTOMER_CASES).get(customerId);
    if (ids == null) {
      return List.of();
    }
    ReadOnlyKeyValueStore<String, CaseFile> cases = cases();
    List<WinbackCase> found = new ArrayList<>();
    ids.forEach(id -> Optional.ofNullable(cases.get(id)).map(CaseFile::state).ifPresent(found::add));
    return found;
  }

  /** Everything the stores of the customer's partition hold about the customer (see {@link SubjectAccessReport}). */
  public ObjectNode subjectAccessReport(String customerId, Instant now) {
    return SubjectAccessReport.of(customerId, this::store, now);
  }

  private ReadOnlyKeyValueStore<String, CaseFile> cases() {
    return store(StoreNames.CASES);
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
  }
}
