package io.winback.processor.topology;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.processor.cases.CaseLifecycle;
import io.winback.processor.intake.DecodeProcessor;
import io.winback.processor.intake.Inbound;
import io.winback.processor.intake.InvalidInputException;
import io.winback.processor.intake.Validation;
import io.winback.processor.metrics.ProcessorMetrics;
import io.winback.schemas.topics.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.state.Stores;

/**
 * The churn processor's topology, top to bottom: three inputs read as bytes and decoded, one case
 * processor per customer partition with its stores and timers, tasks out by channel family, cases
 * out by caseId, the customers' keys out by customerId, and dead letters. Every dead letter of an
 * input, an undecodable one included, goes through the case processor, which holds the keys its
 * value is sealed with.
 *
 * <p>Every store write is a changelog record in the same transaction, so the stores are kept
 * few: one value per case (state and cancellation together), and no copy of winback.cases.v1
 * keyed by caseId; a query by caseId asks each instance's own cases instead (see CaseQueries).
 */
public final class ChurnTopology {

  static final String CASE_PROCESSOR = "case-processor";
  static final String TASKS_WRITTEN = "tasks-written";
  static final String TASKS_PHONE = "tasks-phone";
  static final String TASKS_IN_PERSON = "tasks-in-person";
  static final String CASE_UPDATES = "case-updates";
  static final String DEAD_LETTERS = "dead-letters";
  static final String KEYS = "keys";

  private ChurnTopology() {}

  /**
   * What happens to an exception that escapes a processor of this topology. The processors
   * dead-letter bad input and programming errors themselves, so what escapes is a broken store,
   * serializer or broker: it is logged with the record's coordinates and stops the stream thread
   * (exactly-once rolls its transaction back), never skipped.
   */
  public static final Class<? extends ProcessingExceptionHandler> PROCESSING_EXCEPTION_HANDLER =
      LogAndFailProcessingExceptionHandler.class;

  public static Topology buildTopology(CaseLifecycle lifecycle, ProcessorMetrics metrics, Duration timerInterval,
      TimerRetry timerRetry) {
    return buildTopology(lifecycle, metrics, timerInterval, timerRetry, Housekeeping.defaults());
  }

  public static Topology buildTopology(CaseLifecycle lifecycle, ProcessorMetrics metrics, Duration timerInterval,
      TimerRetry timerRetry, Housekeeping housekeeping) {
    return addTo(new Topology(), lifecycle, metrics, timerInterval, timerRetry, housekeeping);
  }

  /** Adds the processor's nodes to {@code topology} (Spring's factory bean hands over its own). */
  public static Topology addTo(Topology topology, CaseLifecycle lifecycle, ProcessorMetrics metrics,
      Duration timerInterval, TimerRetry timerRetry, Housekeeping housekeeping) {
    Serde<byte[]> bytes = Serdes.ByteArray();
    Serde<String> strings = Serdes.String();

    // Inputs: raw bytes, decoded and validated in the topology so poison records stay in the transaction.
    topology.addSource("cancellations", bytes.deserializer(), bytes.deserializer(), Topics.CANCELLATIONS.name());
    topology.addSource("relationships", bytes.deserializer(), bytes.deserializer(), Topics.RELATIONSHIPS.name());
    topology.addSource("feedback", bytes.deserializer(), bytes.deserializer(), Topics.FEEDBACK.name());
    topology.addProcessor("decode-cancellations",
        () -> new DecodeProcessor<>(Topics.CANCELLATIONS, ChurnTopology::cancellation, CASE_PROCESSOR), "cancellations");
    topology.addProcessor("decode-relationships",
        () -> new DecodeProcessor<>(Topics.RELATIONSHIPS, ChurnTopology::relationship, CASE_PROCESSOR), "relationships");
    topology.addProcessor("decode-feedback",
        () -> new DecodeProcessor<>(Topics.FEEDBACK, ChurnTopology::feedback, CASE_PROCESSOR), "feedback");

    // The case processor: the lifecycle wired to this partition's stores, timers and housekeeping.
    topology.addProcessor(CASE_PROCESSOR,
        () -> new CaseProcessor(lifecycle, metrics, timerInterval, timerRetry, housekeeping),
        "decode-cancellations", "decode-relationships", "decode-feedback");
    topology.addStateStore(store(StoreNames.CASES, strings, new CaseFileSerde()), CASE_PROCESSOR);
    topology.addStateStore(store(StoreNames.CUSTOMER_CASES, strings,
        Serdes.ListSerde(java.util.ArrayList.class, Serdes.String())), CASE_PROCESSOR);
    topology.addStateStore(store(StoreNames.RELATIONSHIPS, strings, Topics.RELATIONSHIPS.valueSerde()),
        CASE_PROCESSOR);
    topology.addStateStore(store(StoreNames.DO_NOT_CONTACT, strings, strings), CASE_PROCESSOR);
    topology.addStateStore(store(StoreNames.TIMERS, strings, strings), CASE_PROCESSOR);
    // In memory, restored from its changelog at start: no key ever reaches the processor's disk.
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.CUSTOMER_KEYS), strings,
        Topics.KEYS.valueSerde()), CASE_PROCESSOR);

    // Outputs.
    topology.addSink(TASKS_WRITTEN, Topics.TASKS_WRITTEN.name(), strings.serializer(),
        Topics.TASKS_WRITTEN.valueSerde().serializer(), CASE_PROCESSOR);
    topology.addSink(TASKS_PHONE, Topics.TASKS_PHONE.name(), strings.serializer(),
        Topics.TASKS_PHONE.valueSerde().serializer(), CASE_PROCESSOR);
    topology.addSink(TASKS_IN_PERSON, Topics.TASKS_IN_PERSON.name(), strings.serializer(),
        Topics.TASKS_IN_PERSON.valueSerde().serializer(), CASE_PROCESSOR);
    topology.addSink(CASE_UPDATES, Topics.CASES.name(), strings.serializer(), Topics.CASES.valueSerde().serializer(),
        CASE_PROCESSOR);
    topology.addSink(KEYS, Topics.KEYS.name(), strings.serializer(), Topics.KEYS.valueSerde().serializer(),
        CASE_PROCESSOR);
    topology.addSink(DEAD_LETTERS, Topics.DEAD_LETTERS.name(), bytes.serializer(), bytes.serializer(),
        CASE_PROCESSOR);
    return topology;
  }

  private static <K, V> org.apache.kafka.streams.state.StoreBuilder<org.apache.kafka.streams.state.KeyValueStore<K, V>>
      store(String name, Serde<K> keys, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
  }

  private static Inbound cancellation(String key, CancellationEvent event, io.winback.processor.intake.RawRecord raw) {
    if (event == null) {
      throw new InvalidInputException("a null value (tombstone) is not a cancellation");
    }
    Validation.check(key, event);
    return new Inbound.Cancellation(event, raw);
  }

  private static Inbound relationship(String key, CustomerRelationship relationship,
      io.winback.processor.intake.RawRecord raw) {
    Validation.requireKey(key);
    if (relationship != null) {
      Validation.check(key, relationship);
    }
    return new Inbound.Relationship(key, relationship, raw);
  }

  private static Inbound feedback(String key, OutreachFeedback feedback, io.winback.processor.intake.RawRecord raw) {
    if (feedback == null) {
      throw new InvalidInputException("a null value (tombstone) is not feedback");
    }
    Validation.check(key, feedback);
    return new Inbound.Feedback(feedback, raw);
  }

}
