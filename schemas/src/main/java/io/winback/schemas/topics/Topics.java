package io.winback.schemas.topics;

import io.winback.events.CancellationEvent;
import io.winback.events.CustomerKey;
import io.winback.events.CustomerRelationship;
import io.winback.events.OutreachFeedback;
import io.winback.events.OutreachTask;
import io.winback.events.RedriveAudit;
import io.winback.events.WinbackCase;
import io.winback.schemas.serde.AvroSerde;
import io.winback.schemas.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one catalogue of Winback's topics. Every service, the command line and the deployment
 * files take topic names, layouts and serdes from here; nothing else spells a topic name.
 *
 * <p>Topics keyed by customerId share one partition count so that Kafka Streams can join them
 * without repartitioning.
 */
public final class Topics {

  /** Partitions of every customer-keyed topic; they are co-partitioned for joins. */
  public static final int CUSTOMER_PARTITIONS = 6;

  private static final Duration DAYS_90 = Duration.ofDays(90);
  private static final Duration DAYS_30 = Duration.ofDays(30);
  /** The longest a written segment of the keys topic waits for the log cleaner. */
  static final int KEY_COMPACTION_LAG_HOURS = 6;

  public static final TopicSpec<String, CancellationEvent> CANCELLATIONS = avro(
      "billing.cancellations.v1", CleanupPolicy.DELETE, DAYS_90, "customerId",
      CancellationEvent.class, "Cancellations and withdrawals reported by billing.");

  public static final TopicSpec<String, CustomerRelationship> RELATIONSHIPS = avro(
      "crm.relationships.v1", CleanupPolicy.COMPACT, null, "customerId",
      CustomerRelationship.class, "The CRM's latest view of each customer; a tombstone erases one.");

  public static final TopicSpec<String, OutreachTask> TASKS_WRITTEN = avro(
      "outreach.tasks.written.v1", CleanupPolicy.DELETE, DAYS_30, "customerId",
      OutreachTask.class, "Email, letter and WhatsApp tasks.");

  public static final TopicSpec<String, OutreachTask> TASKS_PHONE = avro(
      "outreach.tasks.phone.v1", CleanupPolicy.DELETE, DAYS_30, "customerId",
      OutreachTask.class, "Phone call tasks for the worklist.");

  public static final TopicSpec<String, OutreachTask> TASKS_IN_PERSON = avro(
      "outreach.tasks.in-person.v1", CleanupPolicy.DELETE, DAYS_30, "customerId",
      OutreachTask.class, "Meeting tasks for account managers.");

  public static final TopicSpec<String, OutreachFeedback> FEEDBACK = avro(
      "outreach.feedback.v1", CleanupPolicy.DELETE, DAYS_90, "customerId",
      OutreachFeedback.class, "Outcomes of outreach tasks, from the desk and from agents.");

  public static final TopicSpec<String, WinbackCase> CASES = avro(
      "winback.cases.v1", CleanupPolicy.COMPACT, null, "caseId",
      WinbackCase.class, "The latest state of every win-back case, keyed by caseId.");

  public static final TopicSpec<byte[], byte[]> DEAD_LETTERS = new TopicSpec<>(
      "winback.dlq.v1", 3, CleanupPolicy.DELETE, DAYS_30, null,
      Serdes.ByteArray(), Serdes.ByteArray(),
      "Records no service could process: original key and value bytes, the reason in headers.");

  /**
   * The topic monitor's redrive audit: one record per dead letter, keyed by its place on the
   * dead-letter topic, holding every redrive attempt. Compacted, so the latest history of every
   * letter is kept for good; one partition, because it is small and read whole at start-up.
   */
  public static final TopicSpec<String, RedriveAudit> REDRIVE_AUDIT = new TopicSpec<>(
      "winback.redrive-audit.v1", 1, CleanupPolicy.COMPACT, null, "letterId",
      Serdes.String(), AvroSerde.of(RedriveAudit.class),
      "Who redrove which dead letter, when, and with what result (topic monitor).");

  /**
   * Every customer's own encryption key (see {@code io.winback.schemas.privacy}), keyed by
   * customerId and co-partitioned with the customer topics. Compacted so that an erased
   * customer's key, overwritten by a record without it, is gone from the log within the erasure
   * deadline (24 h by default): the log cleaner must take a segment at most
   * {@value #KEY_COMPACTION_LAG_HOURS} h after it was written, segments roll every hour, and a
   * tombstone-like record is kept an hour for readers that lag.
   */
  public static final TopicSpec<String, CustomerKey> KEYS = new TopicSpec<>(
      "winback.keys.v1", CUSTOMER_PARTITIONS, CleanupPolicy.COMPACT, null, "customerId", Serdes.String(),
      AvroSerde.of(CustomerKey.class),
      "Each customer's own encryption key for the personal fields Winback writes; overwritten without key on erasure.",
      Map.of(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofHours(KEY_COMPACTION_LAG_HOURS)
              .toMillis()),
          TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
          TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
          TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01"));

  /**
   * The output of {@code winback bench}'s baseline: a Kafka Streams pass-through of
   * {@link #CANCELLATIONS}, bytes in, bytes out, key and value unchanged. Only the benchmark
   * creates it (see {@link #BENCHMARK}); services never do, so it is not in {@link #ALL}.
   */
  public static final TopicSpec<byte[], byte[]> BENCH_PASSTHROUGH = new TopicSpec<>(
      "bench.passthrough.v1", CUSTOMER_PARTITIONS, CleanupPolicy.DELETE, Duration.ofDays(1), null,
      Serdes.ByteArray(), Serdes.ByteArray(),
      "Benchmark baseline: the cancellations passed through unchanged, raw bytes.");

  /**
   * The outputs of {@code winback bench}'s second baseline, the floor: a Kafka Streams topology
   * that writes what the churn processor writes for a new case, at its real sizes, without deciding
   * or rendering anything. Laid out as the processor's outputs (three task topics of the customer
   * partitions, one compacted case topic), so a transaction spans as many partitions; only the
   * benchmark creates them, they are not in {@link #ALL}.
   */
  public static final TopicSpec<String, byte[]> BENCH_FLOOR_TASKS_WRITTEN = benchFloor(
      "bench.floor.tasks.written.v1", CleanupPolicy.DELETE, "Benchmark floor: written-task-sized records.");
  public static final TopicSpec<String, byte[]> BENCH_FLOOR_TASKS_PHONE = benchFloor(
      "bench.floor.tasks.phone.v1", CleanupPolicy.DELETE, "Benchmark floor: phone-task-sized records.");
  public static final TopicSpec<String, byte[]> BENCH_FLOOR_TASKS_IN_PERSON = benchFloor(
      "bench.floor.tasks.in-person.v1", CleanupPolicy.DELETE, "Benchmark floor: in-person-task-sized records.");
  public static final TopicSpec<String, byte[]> BENCH_FLOOR_CASES = benchFloor(
      "bench.floor.cases.v1", CleanupPolicy.COMPACT, "Benchmark floor: case-update-sized records, keyed by caseId.");

  /** The floor's three task topics, in the order of {@link #TASK_TOPICS}. */
  public static final List<TopicSpec<String, byte[]>> BENCH_FLOOR_TASK_TOPICS =
      List.of(BENCH_FLOOR_TASKS_WRITTEN, BENCH_FLOOR_TASKS_PHONE, BENCH_FLOOR_TASKS_IN_PERSON);

  public static final List<TopicSpec<?, ?>> ALL = List.of(
      CANCELLATIONS, RELATIONSHIPS, TASKS_WRITTEN, TASKS_PHONE, TASKS_IN_PERSON, FEEDBACK, CASES,
      DEAD_LETTERS, REDRIVE_AUDIT, KEYS);

  /**
   * The topics the world outside the processor writes and the processor reads: billing's
   * cancellations, the CRM's relationships and the outcomes of outreach. They are the only
   * topics a dead letter may be redriven to; every other topic is written by Winback itself,
   * where a replayed record would only repeat, or overwrite, what a service already decided.
   */
  public static final List<TopicSpec<?, ?>> INPUTS = List.of(CANCELLATIONS, RELATIONSHIPS, FEEDBACK);

  /** Topics only {@code winback bench} creates and uses; not part of {@link #ALL}. */
  public static final List<TopicSpec<?, ?>> BENCHMARK = List.of(BENCH_PASSTHROUGH, BENCH_FLOOR_TASKS_WRITTEN,
      BENCH_FLOOR_TASKS_PHONE, BENCH_FLOOR_TASKS_IN_PERSON, BENCH_FLOOR_CASES);

  /** The three task topics, in the order of the channel families: written, phone, in person. */
  public static final List<TopicSpec<String, OutreachTask>> TASK_TOPICS =
      List.of(TASKS_WRITTEN, TASKS_PHONE, TASKS_IN_PERSON);

  private Topics() {}

  public static Optional<TopicSpec<?, ?>> byName(String name) {
    return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(TopicSpec::name).toList();
  }

  private static TopicSpec<String, byte[]> benchFloor(String name, CleanupPolicy cleanupPolicy, String description) {
    return new TopicSpec<>(name, CUSTOMER_PARTITIONS, cleanupPolicy,
        cleanupPolicy == CleanupPolicy.COMPACT ? null : Duration.ofDays(1), null, Serdes.String(), Serdes.ByteArray(),
        description);
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> TopicSpec<String, V> avro(
      String name, CleanupPolicy cleanupPolicy, Duration retention, String keyField,
      Class<V> valueType, String description) {
    Serde<String> keys = Serdes.String();
    return new TopicSpec<>(name, CUSTOMER_PARTITIONS, cleanupPolicy, retention, keyField, keys,
        AvroSerde.of(valueType), description);
  }
}
