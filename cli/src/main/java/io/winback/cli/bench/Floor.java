package io.winback.cli.bench;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.schemas.topics.TopicSpec;
import io.winback.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The second baseline, the floor: what any processor that opens a case per cancellation must do
 * on Kafka, with the processor's own Streams settings, and nothing the product adds on top. It
 * reads the cancellations and the CRM relationships as bytes (co-partitioned, one task per
 * partition, as the processor), decodes both with the catalogue's Avro serdes, keeps the
 * relationships in a store, and for each cancellation looks up the relationship, the case (a
 * re-delivered cancellation must not open a second one) and the do-not-contact mark, and writes
 * the four records a new case writes ({@link NewCaseWrites}) at their real sizes: no validation,
 * no policy, no rendering, no Avro encoding of a task or case.
 *
 * <p>Its stores have changelogs, as the processor's have; its outputs are bench topics only.
 */
final class Floor {

  static final String CANCELLATIONS = "cancellations";
  static final String RELATIONSHIPS = "relationships";
  static final String NEW_CASE = "new-case";
  static final String CASE_UPDATES = "case-updates";
  /** Store names as the processor's, so the changelogs are named alike. */
  static final String CASES_STORE = "cases";
  static final String CUSTOMER_CASES_STORE = "customer-cases";
  static final String RELATIONSHIPS_STORE = "relationships";
  static final String DO_NOT_CONTACT_STORE = "do-not-contact";
  static final List<String> STORES = List.of(CASES_STORE, CUSTOMER_CASES_STORE, RELATIONSHIPS_STORE,
      DO_NOT_CONTACT_STORE);

  private Floor() {}

  static Topology buildTopology() {
    Serde<byte[]> bytes = Serdes.ByteArray();
    Serde<String> strings = Serdes.String();
    Topology topology = new Topology();
    topology.addSource(CANCELLATIONS, bytes.deserializer(), bytes.deserializer(), Topics.CANCELLATIONS.name());
    topology.addSource(RELATIONSHIPS, bytes.deserializer(), bytes.deserializer(), Topics.RELATIONSHIPS.name());
    topology.addProcessor(NEW_CASE, NewCase::new, CANCELLATIONS, RELATIONSHIPS);
    topology.addStateStore(store(CASES_STORE, strings, bytes), NEW_CASE);
    topology.addStateStore(store(CUSTOMER_CASES_STORE, strings,
        Serdes.ListSerde(ArrayList.class, Serdes.String())), NEW_CASE);
    topology.addStateStore(store(RELATIONSHIPS_STORE, strings, Topics.RELATIONSHIPS.valueSerde()), NEW_CASE);
    topology.addStateStore(store(DO_NOT_CONTACT_STORE, strings, strings), NEW_CASE);
    for (TopicSpec<String, byte[]> topic : Topics.BENCH_FLOOR_TASK_TOPICS) {
      topology.addSink(topic.name(), topic.name(), strings.serializer(), bytes.serializer(), NEW_CASE);
    }
    topology.addSink(CASE_UPDATES, Topics.BENCH_FLOOR_CASES.name(), strings.serializer(), bytes.serializer(),
        NEW_CASE);
    return topology;
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<String> keys, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
  }

  /** The changelog topics of the floor's stores for an application id, as Kafka Streams names them. */
  static List<String> changelogs(String applicationId) {
    return STORES.stream().map(store -> applicationId + "-" + store + "-changelog").toList();
  }

  /** Values of the given size: incompressible, made once (the processor's bytes differ per record; Kafka does not look). */
  static byte[] filler(int size, long seed) {
    byte[] value = new byte[size];
    new Random(seed).nextBytes(value);
    return value;
  }

  /** The caseId of a cancellation, of the same form and length as the processor's. */
  static String caseId(String eventId) {
    return "case-" + UUID.nameUUIDFromBytes(("case/" + eventId).getBytes(StandardCharsets.UTF_8));
  }

  /** Relationships into the store; for each cancellation the reads and the four writes of a new case. */
  static final class NewCase implements Processor<byte[], byte[], String, byte[]> {

    private final Deserializer<CancellationEvent> cancellations = Topics.CANCELLATIONS.valueSerde().deserializer();
    private final Deserializer<CustomerRelationship> relationships = Topics.RELATIONSHIPS.valueSerde().deserializer();
    private final List<byte[]> taskValues = new ArrayList<>();
    private final byte[] caseUpdate = filler(NewCaseWrites.CASE_UPDATE_BYTES, 1);
    private final byte[] caseFile = filler(NewCaseWrites.CASE_FILE_BYTES, 2);
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> caseStore;
    private KeyValueStore<String, List<String>> customerCaseStore;
    private KeyValueStore<String, CustomerRelationship> relationshipStore;
    private KeyValueStore<String, String> doNotContactStore;
    private long relationshipsFound;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
      this.context = context;
      caseStore = context.getStateStore(CASES_STORE);
      customerCaseStore = context.getStateStore(CUSTOMER_CASES_STORE);
      relationshipStore = context.getStateStore(RELATIONSHIPS_STORE);
      doNotContactStore = context.getStateStore(DO_NOT_CONTACT_STORE);
      for (int i = 0; i < NewCaseWrites.TASKS.size(); i++) {
        taskValues.add(filler(NewCaseWrites.TASKS.get(i).valueBytes(), 10 + i));
      }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      String topic = context.recordMetadata().map(metadata -> metadata.topic()).orElse("");
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      if (topic.equals(Topics.RELATIONSHIPS.name())) {
        CustomerRelationship relationship = relationships.deserialize(topic, record.value());
        if (key != null && relationship != null) {
          relationshipStore.put(key, relationship);
        }
        return;
      }
      CancellationEvent event = cancellations.deserialize(topic, record.value());
      String customerId = event.getCustomerId();
      if (relationshipStore.get(customerId) != null) {
        relationshipsFound++; // used, so that the look-up cannot be optimised away
      }
      String caseId = caseId(event.getEventId());
      if (caseStore.get(caseId) != null || doNotContactStore.get(customerId) != null) {
        return; // a re-delivery; none in the benchmark
      }
      List<String> ids = customerCaseStore.get(customerId);
      List<String> updated = new ArrayList<>(ids == null ? List.of() : ids);
      updated.add(caseId);
      customerCaseStore.put(customerId, updated);
      caseStore.put(caseId, caseFile);
      context.forward(new Record<>(caseId, caseUpdate, record.timestamp()), CASE_UPDATES);
      int family = NewCaseWrites.family(caseId.hashCode());
      context.forward(new Record<>(customerId, taskValues.get(family), record.timestamp()),
          Topics.BENCH_FLOOR_TASK_TOPICS.get(family).name());
    }

    long relationshipsFound() {
      return relationshipsFound;
    }
  }
}
